import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../core/forecast-race.ts';
import { canonicalJson, countFileAsOf } from '../../core/provenance/canonical-input.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli, temporaryDirectory } from './cli-harness.ts';

/** A published run and its input laid out as in the bucket, under a temporary root. */
function publish(changeForecast: (forecast: Record<string, unknown>) => void = () => {}) {
  const directory = temporaryDirectory();
  const input = countFileAsOf(exampleCountFile('la-mayor-2022-general'), 14);
  const forecast = forecastRace({ countFile: input, seed: '7', draws: 3000 }) as unknown as Record<string, unknown>;
  changeForecast(forecast);
  directory.write(forecast.input as string, JSON.parse(canonicalJson(input)));
  // Published as the run handler writes it: pretty JSON and a newline.
  const run = directory.write('races/la-mayor-2022-general/runs/r000014-test.json', `${JSON.stringify(forecast, null, 2)}\n`);
  return { directory, run };
}

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

  it('refuses an override of a unit that does not exist', async () => {
    const { directory, run } = publish();
    const result = await cli(['rerun', run, '--set', 'nowhere.outstanding.expected=5']);
    directory.remove();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no unit "nowhere"/);
  });
});
