import { afterAll, describe, expect, it } from 'vitest';
import type { CountFile } from '../../core/schemas/index.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli, GENERAL, hasStackTrace, PRIMARY, temporaryDirectory } from './cli-harness.ts';

/** A fresh copy of the general example, to break one thing in. */
const general = (): CountFile => structuredClone(exampleCountFile('la-mayor-2022-general'));
const counted = (file: CountFile, release: number) => file.releases[release].units[0].counted as Record<string, number>;

describe('ballotcast validate', () => {
  const directory = temporaryDirectory();
  afterAll(() => directory.remove());

  it('describes a valid file and exits 0', async () => {
    const result = await cli(['validate', GENERAL]);

    expect(result).toEqual({
      code: 0,
      stdout: `${GENERAL}: valid count file: race la-mayor-2022-general (plurality), 2 candidates, 1 unit, 27 releases\n`,
      stderr: '',
    });
  });

  it('describes each of several valid files', async () => {
    const result = await cli(['validate', GENERAL, PRIMARY]);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `${GENERAL}: valid count file: race la-mayor-2022-general (plurality), 2 candidates, 1 unit, 27 releases`,
      `${PRIMARY}: valid count file: race la-mayor-2022-primary (majority), 12 candidates, 1 unit, 5 releases`,
      '',
    ]);
  });

  it('reports a file that is not JSON', async () => {
    const path = directory.write('not-json.json', '{"schemaVersion": 1,');

    const result = await cli(['validate', path]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^ballotcast: ${escape(path)}: not valid JSON: `));
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it.each([
    [
      'a negative count',
      (file: CountFile) => void (counted(file, 0).bass = -1),
      'releases[0].units[0].counted.bass: expected a whole number >= 0',
    ],
    [
      'a fractional count',
      (file: CountFile) => void (counted(file, 3).caruso = 1.5),
      'releases[3].units[0].counted.caruso: expected a whole number >= 0',
    ],
    [
      'an unknown candidate',
      (file: CountFile) => void (counted(file, 0).dan = 5),
      'releases[0].units[0].counted.dan: unknown candidate "dan"; the race\'s candidates are bass, caruso',
    ],
    [
      'a count that falls',
      (file: CountFile) => void (counted(file, 1).bass = counted(file, 0).bass - 1),
      'releases[1].units[0].counted.bass: went down from 165250 to 165249; set "correction": true on the unit if the office corrected it',
    ],
  ])('reports %s as path: reason and exits 2', async (name, breakIt, line) => {
    const file = general();
    breakIt(file);
    const path = directory.write(`${name.replaceAll(' ', '-')}.json`, file);

    const result = await cli(['validate', path]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([`ballotcast: ${path}: not a valid count file`, `  ${line}`, '']);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('lists every problem of a file, one line each', async () => {
    const file = general();
    counted(file, 0).bass = -1;
    counted(file, 2).caruso = -7;
    const path = directory.write('two-problems.json', file);

    const result = await cli(['validate', path]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('  releases[0].units[0].counted.bass: expected a whole number >= 0\n');
    expect(result.stderr).toContain('  releases[2].units[0].counted.caruso: expected a whole number >= 0\n');
  });

  it('lists problems of every kind in one pass: shape, time order, falling counts and ranges', async () => {
    const file = general();
    counted(file, 0).bass = -1;
    (file.releases[9].units[0].counted as Record<string, unknown>).bass = 'many';
    file.releases[2].asOf = file.releases[1].asOf;
    counted(file, 5).caruso = 5;
    file.releases[7].units[0].outstanding.high = 1;
    const path = directory.write('every-kind.json', file);

    const result = await cli(['validate', path]);

    // zod skips the whole-file checks once the shape fails; validate runs them anyway.
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      `ballotcast: ${path}: not a valid count file`,
      '  releases[0].units[0].counted.bass: expected a whole number >= 0',
      '  releases[9].units[0].counted.bass: expected a whole number >= 0',
      `  releases[2].asOf: expected a time after the previous release (${file.releases[1].asOf}), got ${file.releases[1].asOf}`,
      `  releases[5].units[0].counted.caruso: went down from ${counted(file, 4).caruso} to 5; set "correction": true on the unit if the office corrected it`,
      `  releases[7].units[0].outstanding.high: expected high >= expected, got 1 < ${file.releases[7].units[0].outstanding.expected}`,
      '',
    ]);
  });

  it('does not repeat a shape problem as a falling count', async () => {
    const file = general();
    counted(file, 6).bass = -1;
    const path = directory.write('negative-later.json', file);

    const result = await cli(['validate', path]);

    expect(result.stderr.split('\n')).toEqual([`ballotcast: ${path}: not a valid count file`, '  releases[6].units[0].counted.bass: expected a whole number >= 0', '']);
  });

  it('says when the shape is too broken for the other checks to finish', async () => {
    const file = general() as unknown as { releases: { units: Record<string, unknown>[] }[] };
    delete file.releases[4].units[0].outstanding;
    const path = directory.write('no-outstanding.json', file);

    const result = await cli(['validate', path]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('  releases[4].units[0].outstanding: ');
    expect(result.stderr).toMatch(/stopped part way: fix the shape above, then run validate again\)\n$/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('escapes control characters of the file in its messages', async () => {
    const file = general();
    counted(file, 0)['dan\u001b[2J'] = 5;
    const path = directory.write('escape-in-key.json', file);

    const result = await cli(['validate', path]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown candidate "dan\\x1B[2J"');
    expect(result.stderr).not.toContain('\u001b');
  });

  it('says a missing file cannot be read, without a stack trace', async () => {
    const path = `${directory.path}/no-such-file.json`;

    const result = await cli(['validate', path]);

    expect(result).toEqual({ code: 2, stdout: '', stderr: `ballotcast: ${path}: cannot read: ENOENT\n` });
  });

  it('says a directory cannot be read', async () => {
    const result = await cli(['validate', directory.path]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`ballotcast: ${directory.path}: cannot read: EISDIR\n`);
  });

  it('checks every file it is given, even after an invalid one', async () => {
    const broken = general();
    counted(broken, 0).bass = -1;
    const path = directory.write('broken-first.json', broken);

    const result = await cli(['validate', path, PRIMARY]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('releases[0].units[0].counted.bass: expected a whole number >= 0');
    expect(result.stdout).toContain(`${PRIMARY}: valid count file`);
  });
});

/** Escapes text for use inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
