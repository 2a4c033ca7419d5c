import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../core/forecast-race.ts';
import { canonicalJson, countFileAsOf } from '../../core/provenance/canonical-input.ts';
import type { CountFile } from '../../core/schemas/index.ts';
import { exampleCountFile, twoUnitRace, withIds } from '../fixtures/count-files.ts';
import { cli, temporaryDirectory } from './cli-harness.ts';

const generalAt15 = () => countFileAsOf(exampleCountFile('la-mayor-2022-general'), 14);

/** A published run and its input laid out as in the bucket, under a temporary root. */
function publish(changeForecast: (forecast: Record<string, unknown>) => void = () => {}, input: CountFile = generalAt15()) {
  const directory = temporaryDirectory();
  const forecast = forecastRace({ countFile: input, seed: '7', draws: 3000 }) as unknown as Record<string, unknown>;
  changeForecast(forecast);
  directory.write(forecast.input as string, JSON.parse(canonicalJson(input)));
  // Published as the run handler writes it: pretty JSON and a newline.
  const run = directory.write(`races/${input.race.id}/runs/r000014-test.json`, `${JSON.stringify(forecast, null, 2)}\n`);
  return { directory, run };
}

/** A synthetic race under the ids of a real feed: an AP race id, dotted unit ids, mixed-case candidates. */
const withFeedIds = (): CountFile =>
  withIds(twoUnitRace(), {
    race: '20240305CA0016',
    candidates: { ann: 'Bass.K', bob: 'CARUSO_R', cy: 'deLeon-3' },
    units: { a: '06.037', b: '06.059' },
  });

describe('ballotcast rerun of published files', () => {
  it('reproduces a run from files laid out as in the bucket', async () => {
    const { directory, run } = publish();
    const result = await cli(['rerun', run]);
    directory.remove();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Reproduced: byte-identical/m);
  });

  it('says plainly when the model versions differ, and still compares the numbers', async () => {
    const { directory, run } = publish((forecast) => (forecast.modelVersion = '0.9.0'));
    const result = await cli(['rerun', run]);
    directory.remove();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Model versions differ: the run was made with model 0\.9\.0, this ballotcast has \d+\.\d+\.\d+/);
    expect(result.stdout).toMatch(/Karen Bass win +\d+\.\d%/);
  });

  it('refuses an override that makes the input invalid, naming the field', async () => {
    const { directory, run } = publish();
    const result = await cli(['rerun', run, '--set', 'los-angeles-city.outstanding.low=999999999']);
    directory.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/releases\[14\]\.units\[0\]\.outstanding\.low: expected low <= expected/);
  });

  it("runs the README's second what-if, scaling the estimate and its range by 1.5", async () => {
    const { directory, run } = publish();
    const result = await cli(['rerun', run, '--set', 'los-angeles-city.outstanding.expected=*1.5', '--draws', '2000', '--json']);
    directory.remove();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/What if: 2000 draws, --set los-angeles-city\.outstanding\.expected=\*1\.5\. This is an exploration/);
    expect(JSON.parse(result.stdout).votesOutstanding.expected).toBe(497_418);
  });

  it('refuses an override of a unit that does not exist', async () => {
    const { directory, run } = publish();
    const result = await cli(['rerun', run, '--set', 'nowhere.outstanding.expected=5']);
    directory.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no unit "nowhere"/);
  });
});

describe('ballotcast rerun of a forecast with desk calls and overrides', () => {
  it('reproduces it byte for byte from its input, which holds them with who and when', async () => {
    const at = '2022-11-10T17:00:00-08:00';
    const input: CountFile = {
      ...generalAt15(),
      desk: {
        calls: [{ candidate: 'bass', by: 'Decision desk', at, note: 'mail keeps breaking for Bass' }],
        overrides: [
          { unit: 'los-angeles-city', outstanding: { expected: 400_000, low: 300_000, high: 500_000 }, by: 'Night editor', at },
          { unit: 'los-angeles-city', lean: { bass: 0.6, caruso: 0.4 }, by: 'Night editor', at },
        ],
      },
    };
    const { directory, run } = publish(undefined, input);
    const result = await cli(['rerun', run, '--json']);
    directory.remove();

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Reproduced: byte-identical/m);
    expect(JSON.parse(result.stdout).call).toMatchObject({ candidate: 'bass', by: 'Decision desk', source: 'desk' });
    expect(JSON.parse(result.stdout).votesOutstanding.expected).toBeGreaterThanOrEqual(400_000);
  });
});

describe('ballotcast rerun of a race with the ids of a real feed', () => {
  it('reproduces it from races/20240305CA0016/…', async () => {
    const { directory, run } = publish(undefined, withFeedIds());
    const result = await cli(['rerun', run]);
    directory.remove();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Run races\/20240305CA0016\/runs\/r000014-test\.json: /m);
    expect(result.stdout).toMatch(/^Reproduced: byte-identical/m);
  });

  it('sets a candidate with a dot in its id, in a unit with a dot in its id', async () => {
    const { directory, run } = publish(undefined, withFeedIds());
    const result = await cli(['rerun', run, '--set', '06.037.counted.Bass.K=*2', '--json']);
    directory.remove();
    expect(result.code, result.stderr).toBe(0);
    const bass = JSON.parse(result.stdout).candidates.find((candidate: { id: string }) => candidate.id === 'Bass.K');
    // Unit 06.037 counted 800 for Bass.K in the last release, and unit 06.059 1,800.
    expect(bass.votesCounted).toBe(2 * 800 + 1800);
  });

  it('names a candidate the unit does not count, even one every object inherits', async () => {
    const { directory, run } = publish(undefined, withFeedIds());
    const result = await cli(['rerun', run, '--set', '06.037.counted.toString=5']);
    directory.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no candidate "toString" in unit "06\.037"/);
  });

  it('refuses a run whose input is said to be anywhere but beside it', async () => {
    const { directory, run } = publish((forecast) => (forecast.input = '../../../../etc/passwd'), withFeedIds());
    const result = await cli(['rerun', run]);
    directory.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not races\/\{raceId\}\/inputs\/sha256:\{64 hex digits\}\.json of race "20240305CA0016"/);
  });
});
