import { describe, expect, it } from 'vitest';
import { cli, GENERAL, hasStackTrace } from './cli-harness.ts';

const MAIN_USAGE = 'Usage: ballotcast COMMAND [options]';

describe('ballotcast usage', () => {
  it('prints the help and exits 2 when no command is given', async () => {
    const result = await cli([]);

    expect(result.code).toBe(2);
    // The help currently goes to stdout here (but to stderr for an unknown command); accept either.
    expect(result.stdout + result.stderr).toContain(MAIN_USAGE);
  });

  it.each([['--help'], ['-h'], ['help']])('prints the help and exits 0 for %s', async (flag) => {
    const result = await cli([flag]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(MAIN_USAGE);
    expect(result.stdout).toMatch(/^ {2}forecast FILE/m);
  });

  it.each([
    ['forecast', 'Usage: ballotcast forecast FILE'],
    ['replay', 'Usage: ballotcast replay FILE...'],
    ['validate', 'Usage: ballotcast validate FILE...'],
    ['schema', 'Usage: ballotcast schema'],
    ['import', 'Usage: ballotcast import ap|clarity|csv SOURCE... --out DIR'],
    ['record', 'Usage: ballotcast record ap|clarity URL --dir DIR'],
    ['watch', 'Usage: ballotcast watch ap|clarity URL --api URL'],
  ])('prints the help of %s with --help and exits 0', async (command, usage) => {
    const result = await cli([command, '--help']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.startsWith(usage)).toBe(true);
  });

  it('rejects an unknown command with exit 2, naming it, and the help', async () => {
    const result = await cli(['frobnicate']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ballotcast: unknown command "frobnicate"\n/);
    expect(result.stderr).toContain(MAIN_USAGE);
  });

  it.each(['toString', 'constructor', '__proto__'])('rejects `ballotcast %s` as an unknown command', async (name) => {
    const result = await cli([name]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`unknown command "${name}"`);
  });

  it.each([
    ['forecast with no file', ['forecast', '--seed', '1'], /^ballotcast: forecast takes exactly one count file\n/],
    ['forecast with two files', ['forecast', GENERAL, GENERAL], /^ballotcast: forecast takes exactly one count file\n/],
    ['replay with no file', ['replay'], /^ballotcast: replay takes one or more count files\n/],
    ['validate with no file', ['validate'], /^ballotcast: validate takes one or more count files\n/],
    ['--draws 0', ['forecast', GENERAL, '--draws', '0'], /^ballotcast: --draws 0: expected a whole number from 1 to 5000000\n$/],
    ['--draws abc', ['forecast', GENERAL, '--draws', 'abc'], /^ballotcast: --draws abc: expected a whole number from 1 to /],
    ['--draws 1.5', ['forecast', GENERAL, '--draws', '1.5'], /^ballotcast: --draws 1\.5: expected a whole number/],
    ['--draws above the maximum', ['forecast', GENERAL, '--draws', '5000001'], /^ballotcast: --draws 5000001: expected/],
    ['--threads 0', ['forecast', GENERAL, '--threads', '0'], /^ballotcast: --threads 0: expected a whole number from 1 to 64\n$/],
    ['--seed ""', ['forecast', GENERAL, '--seed', ''], /^ballotcast: --seed: expected a non-empty seed\n$/],
    ['--seed without a value', ['forecast', GENERAL, '--seed'], /^ballotcast: --seed needs a value: --seed S\n/],
    ['--seed followed by another option', ['forecast', GENERAL, '--seed', '--json'], /^ballotcast: --seed needs a value: --seed S\n/],
    ['a negative --draws', ['forecast', GENERAL, '--draws', '-5'], /^ballotcast: --draws -5: expected a whole number from 1 to 5000000\n$/],
    ['a negative --draws=', ['forecast', GENERAL, '--draws=-5'], /^ballotcast: --draws -5: expected a whole number from 1 to 5000000\n$/],
    ['a negative --threads on replay', ['replay', GENERAL, '--threads', '-2'], /^ballotcast: --threads -2: expected a whole number from 1 to 64\n$/],
    ['a value given to --json', ['forecast', GENERAL, '--json=yes'], /^ballotcast: --json takes no value \(got "yes"\)\n/],
    [
      'a misspelt flag',
      ['forecast', GENERAL, '--drwas', '5'],
      /^ballotcast: unknown option "--drwas": the options of forecast are --draws N, --seed S, --threads N, --json, --as-of T\n/,
    ],
    ['an unknown short flag', ['forecast', GENERAL, '-x'], /^ballotcast: unknown option "-x": the options of forecast are --draws N/],
    ['an unknown flag on replay', ['replay', GENERAL, '--bogus'], /^ballotcast: unknown option "--bogus": the options of replay are --draws N, --seed S, --threads N, --json\n/],
    [
      'an unknown flag on rerun',
      ['rerun', 'run.json', '--sett', 'x'],
      /^ballotcast: unknown option "--sett": the options of rerun are --draws N, --seed S, --set UNIT.FIELD=VALUE, --endpoint URL, --threads N, --json\n/,
    ],
    ['a flag on validate', ['validate', GENERAL, '--draws', '5'], /^ballotcast: unknown option "--draws": validate takes no options\n/],
  ])('rejects %s with exit 2, a clear message and no stack trace', async (_name, argv, message) => {
    const result = await cli(argv);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('internal error');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('balances every quote of its message about an unknown option', async () => {
    const result = await cli(['forecast', GENERAL, '--drwas', '5']);

    // parseArgs' own message ended `as in '-- "--drwas"`, with its single quote left open.
    for (const line of result.stderr.split('\n')) {
      expect(line.split('"').length % 2, line).toBe(1);
      expect(line.split("'").length % 2, line).toBe(1);
    }
    expect(result.stderr).toContain('(see ballotcast forecast --help)');
  });

  it('reads a file named with a leading "-" after "--"', async () => {
    const result = await cli(['validate', '--', '-no-such-file.json']);

    expect(result).toEqual({ code: 2, stdout: '', stderr: 'ballotcast: -no-such-file.json: cannot read: ENOENT\n' });
  });
});
