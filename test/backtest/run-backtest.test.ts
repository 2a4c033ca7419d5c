import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, temporaryDirectory, type CliResult } from '../cli/cli-harness.ts';

/** Runs `npm run backtest` (tsx backtest/run-backtest.ts) in a fresh Node process. */
function runBacktest(args: readonly string[]): Promise<CliResult> {
  const { NODE_OPTIONS: _ignored, ...environment } = process.env;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'backtest/run-backtest.ts', ...args],
      { cwd: REPO_ROOT, env: environment, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) reject(error ?? new Error('no exit code'));
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

const FIXTURES = 'test/backtest/fixtures/corpus';

describe('npm run backtest on the small fixture corpus', () => {
  const directory = temporaryDirectory('ballotcast-backtest-');
  afterAll(() => directory.remove());
  const reportPath = (name: string) => join(directory.path, name);
  const readReport = (name: string) => JSON.parse(readFileSync(reportPath(name), 'utf8'));
  const common = [FIXTURES, '--draws', '300', '--seed', 'fixture'];
  const oneWorker = runBacktest([...common, '--workers', '1', '--json', reportPath('one.json')]);

  it('prints the report with one PASS or FAIL line per target, and exits 0 without --check', async () => {
    const result = await oneWorker;
    const verdicts = result.stdout.split('\n').filter((line) => /^(PASS|FAIL) {2}/.test(line));

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(verdicts).toHaveLength(5);
    // The flip race gives its early leader 100% with nothing outstanding.
    expect(verdicts).toContain('FAIL  no race with an eventual loser at >= 99%: 1 of 2 races: test/backtest/fixtures/corpus/derived-small/flip.json');
    expect(result.stdout).toContain('1 invalid files skipped:');
    expect(result.stdout).toContain('ORACLE-ESTIMATE SOURCES');
  }, 60_000);

  it('writes the full report as JSON: settings, files, sections, targets and a row per forecast', async () => {
    await oneWorker;
    const json = readReport('one.json');

    expect(json.settings).toMatchObject({ draws: 300, seed: 'fixture', model: { version: expect.any(String) } });
    expect(json.files.rejected).toEqual([expect.objectContaining({ path: `${FIXTURES}/derived-small/broken.json` })]);
    expect(json.report.sections.map((section: { estimates: string }) => section.estimates)).toEqual(['derived', 'oracle']);
    expect(json.report.targets).toHaveLength(5);
    // flip: 3 releases forecast; steady: 2; flip-oracle: 3.
    expect(json.forecasts).toHaveLength(8);
    expect(json.forecasts[0]).toMatchObject({
      file: `${FIXTURES}/derived-small/flip.json`,
      source: 'small',
      releaseIndex: 0,
      fractionCounted: 0.375,
      probabilities: { ann: 0, bob: 1 },
      baselines: { countedSplit: { ann: 1 / 3, bob: 2 / 3 }, fixedSwing: { ann: 0, bob: 1 } },
      marginQuantiles: { between: ['bob', 'ann'] },
      truth: { winner: 'ann' },
    });
    expect(json.timing.millisecondsPerForecast).toBeGreaterThan(0);
  }, 60_000);

  it('writes the same report with two workers', async () => {
    await oneWorker;
    const twoWorkers = await runBacktest([...common, '--workers', '2', '--json', reportPath('two.json')]);
    const { timing: _one, ...one } = readReport('one.json');
    const { timing: two, ...rest } = readReport('two.json');

    expect(twoWorkers.code).toBe(0);
    expect(two.workers).toBe(2);
    expect(rest).toEqual(one);
  }, 60_000);

  it('exits 1 with --check when a target fails, and 2 on a bad option', async () => {
    const checked = await runBacktest([`${FIXTURES}/derived-small`, '--draws', '100', '--workers', '1', '--check', '--json', reportPath('check.json')]);
    const bad = await runBacktest(['--model', '{"noSuchParameter":1}']);

    expect(checked.code).toBe(1);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('noSuchParameter');
  }, 60_000);
});
