import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ForecastSchema, type Forecast } from '../../core/schemas/index.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli, GENERAL, hasStackTrace, PRIMARY, temporaryDirectory } from './cli-harness.ts';

const SMALL_RUN = ['--seed', '42', '--draws', '2000'];

/** Parses stdout as one forecast, failing with zod's explanation if it breaks the contract. */
function parseForecast(stdout: string): Forecast {
  const result = ForecastSchema.safeParse(JSON.parse(stdout));
  if (!result.success) throw new Error(`stdout is not a valid forecast:\n${z.prettifyError(result.error)}`);
  return result.data;
}

describe('ballotcast forecast: output', () => {
  it('prints a forecast that follows the contract when stdout is a pipe', async () => {
    const result = await cli(['forecast', GENERAL, ...SMALL_RUN]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const forecast = parseForecast(result.stdout);
    expect(forecast).toMatchObject({ raceId: 'la-mayor-2022-general', seed: '42', draws: 2000, release: { index: 26 } });
    expect(forecast.candidates.map((candidate) => candidate.id)).toEqual(['bass', 'caruso']);
    expect(result.stdout.endsWith('}\n')).toBe(true);
  });

  it('prints the same bytes when run twice with the same seed', async () => {
    const first = await cli(['forecast', GENERAL, ...SMALL_RUN, '--as-of', '15']);
    const second = await cli(['forecast', GENERAL, ...SMALL_RUN, '--as-of', '15']);

    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.length).toBeGreaterThan(0);
  });

  it('prints different forecasts for different seeds while the count is still open', async () => {
    const seed42 = parseForecast((await cli(['forecast', GENERAL, '--seed', '42', '--draws', '2000', '--as-of', '15'])).stdout);
    const seed43 = parseForecast((await cli(['forecast', GENERAL, '--seed', '43', '--draws', '2000', '--as-of', '15'])).stdout);

    expect(seed43.inputHash).toBe(seed42.inputHash);
    expect(seed43.candidates[0].winProbability).not.toBe(seed42.candidates[0].winProbability);
  });

  it('prints JSON on a terminal when --json is given, the same bytes as through a pipe', async () => {
    const onTerminal = await cli(['forecast', GENERAL, ...SMALL_RUN, '--json'], { tty: true });
    const throughPipe = await cli(['forecast', GENERAL, ...SMALL_RUN]);

    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stdout).toBe(throughPipe.stdout);
  });

  it('prints a table on a terminal: names, win chances, the margin line and the seed', async () => {
    const result = await cli(['forecast', GENERAL, ...SMALL_RUN, '--as-of', '15'], { tty: true });

    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).toThrow();
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Los Angeles Mayor, general election, as of 2022-11-10T16:23:14-08:00 (release 15)');
    expect(lines[1]).toMatch(/^2,000 draws, seed 42, model \S+; Monte Carlo error ±\d+\.\d pts$/);
    expect(lines.find((line) => line.startsWith('Candidate'))).toMatch(/^Candidate\s+Counted\s+Win\s+Final share \(90% range\)\s+Needs$/);
    // Bass trails by 2,695 of 545,187 counted with 331,612 expected: (1 + 2,695 / 331,612) / 2 = 50.4%.
    expect(lines.find((line) => line.startsWith('Karen Bass '))).toMatch(/^Karen Bass\s+271,246\s+\d+\.\d%\s+\d+\.\d% \(.*\)\s+50\.4%$/);
    expect(lines.find((line) => line.startsWith('Rick Caruso '))).toMatch(/^Rick Caruso\s+273,941\s+\d+\.\d%.*\s+—$/);
    expect(result.stdout).toMatch(/^Needs: share of the 331,612 votes still expected that draws level with Rick Caruso \(most votes counted\), if the others keep their counted share$/m);
    expect(lines.find((line) => line.startsWith('Margin, '))).toMatch(
      /^Margin, (Karen Bass over Rick Caruso|Rick Caruso over Karen Bass): ([+−]\d+\.\d|0\.0) pts \(90%: ([+−]\d+\.\d|0\.0) to ([+−]\d+\.\d|0\.0)\), [+−][\d,]+ votes/,
    );
    expect(result.stdout).toMatch(/^Votes counted 545,187; outstanding: estimate 331,612, drawn 90% range [\d,]+–[\d,]+$/m);
  });

  it('prints the majority columns and the runoff line for the primary', async () => {
    const result = await cli(['forecast', PRIMARY, ...SMALL_RUN], { tty: true });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Candidate\s+Counted\s+First\s+Outright\s+Advance\s+Final share \(90% range\)$/m);
    const candidateRows = result.stdout.split('\n').filter((line) => /^\S.*\s[\d,]+\s+[<>]?\d+\.\d%/.test(line));
    expect(candidateRows).toHaveLength(exampleCountFile('la-mayor-2022-primary').race.candidates.length);
    expect(result.stdout).toMatch(/^Runoff \(nobody above the threshold\): \d+\.\d%$/m);
    expect(result.stdout).not.toMatch(/Needs/);
  });

  it('shows what each trailing candidate needs of the votes still expected, or that it is out of reach', async () => {
    const result = await cli(['forecast', PRIMARY, ...SMALL_RUN, '--as-of', '2'], { tty: true });

    // Bass: 16,371 behind Caruso; the other ten hold q = 66,044 / 315,791 = 0.209 of the count:
    // ((1 − q) + 16,371 / 153,984) / 2 = 44.9%. De León would need 60.3% while he and Caruso get 49.6%.
    expect(result.stdout).toMatch(/^Karen Bass\s.*\s44\.9%$/m);
    expect(result.stdout).toMatch(/^Rick Caruso\s.*\s—$/m);
    expect(result.stdout).toMatch(/^Kevin de León\s.*\sout of reach$/m);
  });
});

describe('ballotcast forecast: the desk', () => {
  it("applies the desk's override and shows its call, with its note, beside the model's own chances", async () => {
    const file = { ...exampleCountFile('la-mayor-2022-primary') };
    const units = file.releases[file.releases.length - 1].units;
    const at = '2022-06-20T12:00:00-07:00';
    const folder = temporaryDirectory();
    const path = folder.write('desk.json', {
      ...file,
      desk: {
        calls: [{ candidate: file.race.candidates[0].id, by: 'Decision desk', at, note: 'runoff certain' }],
        overrides: [{ unit: units[0].id, outstanding: { expected: 123_456 }, by: 'Night editor', at }],
      },
    });
    const json = parseForecast((await cli(['forecast', path, ...SMALL_RUN])).stdout);
    const table = await cli(['forecast', path, ...SMALL_RUN], { tty: true });
    folder.remove();

    expect(json.call).toMatchObject({ by: 'Decision desk', source: 'desk', note: 'runoff certain' });
    expect(json.votesOutstanding?.expected).toBe(123_456 + units.slice(1).reduce((sum, unit) => sum + unit.outstanding.expected, 0));
    expect(table.stdout).toMatch(/^Desk call: Decision desk called it for .+ at 2022-06-20T12:00:00-07:00: "runoff certain" \(the probabilities above are the model's own\)$/m);
  });
});

describe('ballotcast forecast: seeds', () => {
  it('without --seed, says on stderr which seed it chose and records that seed in the JSON', async () => {
    const result = await cli(['forecast', GENERAL, '--draws', '2000', '--as-of', '15']);

    expect(result.code).toBe(0);
    const announced = /^seed: (\S+) \(chosen at random; pass --seed \1 to reproduce\)\n$/.exec(result.stderr);
    expect(announced, `stderr was: ${result.stderr}`).not.toBeNull();
    const seed = announced![1];
    expect(parseForecast(result.stdout).seed).toBe(seed);

    const rerun = await cli(['forecast', GENERAL, '--draws', '2000', '--as-of', '15', '--seed', seed]);
    expect(rerun.stderr).toBe('');
    expect(rerun.stdout).toBe(result.stdout);
  });
});

describe('ballotcast forecast --as-of', () => {
  const forecastAsOf = (asOf: string) => cli(['forecast', GENERAL, ...SMALL_RUN, '--as-of', asOf]);
  const releases = exampleCountFile('la-mayor-2022-general').releases;

  it('takes a 1-based release number: 15 is the release at index 14', async () => {
    const result = await forecastAsOf('15');

    expect(result.code).toBe(0);
    const forecast = parseForecast(result.stdout);
    expect(forecast.release?.index).toBe(14);
    expect(forecast.asOf).toBe(releases[14].asOf);
    expect(forecast.asOf).toBe('2022-11-10T16:23:14-08:00');
  });

  it('takes a date-time and picks the last release at or before it, giving the same bytes as the number', async () => {
    const byTime = await forecastAsOf('2022-11-10T17:00:00-08:00');
    const byNumber = await forecastAsOf('15');

    expect(byTime.code).toBe(0);
    expect(parseForecast(byTime.stdout).release?.index).toBe(14);
    expect(byTime.stdout).toBe(byNumber.stdout);
  });

  it('counts a release published exactly at the given time, and not one a second later', async () => {
    const atRelease = parseForecast((await forecastAsOf('2022-11-10T16:23:14-08:00')).stdout);
    const secondBefore = parseForecast((await forecastAsOf('2022-11-10T16:23:13-08:00')).stdout);

    expect(atRelease.release?.index).toBe(14);
    expect(secondBefore.release?.index).toBe(13);
  });

  it('takes the same instant written in another offset', async () => {
    const inUtc = parseForecast((await forecastAsOf('2022-11-11T01:00:00Z')).stdout);

    expect(inUtc.release?.index).toBe(14);
  });

  it.each([
    ['0', /--as-of 0: the file has releases 1 to 27/],
    ['99', /--as-of 99: the file has releases 1 to 27/],
    ['nonsense', /--as-of nonsense: expected a release number or an ISO 8601 date-time/],
    ['2022-11-08T20:00:00-08:00', /--as-of 2022-11-08T20:00:00-08:00: before the first release \(2022-11-08T20:24:13-08:00\)/],
  ])('rejects --as-of %s with exit 2 and a message naming --as-of', async (asOf, message) => {
    const result = await forecastAsOf(asOf);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ballotcast: --as-of /);
    expect(result.stderr).toMatch(message);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it.each(['1.5', 'Nov 10 2022 17:00 PST'])('rejects --as-of %s, which is not ISO 8601', async (asOf) => {
    const result = await forecastAsOf(asOf);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a release number or an ISO 8601 date-time');
  });

  it('rejects a date-time without a UTC offset', async () => {
    const result = await forecastAsOf('2022-11-10T17:00:00');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--as-of 2022-11-10T17:00:00: /);
  });
});
