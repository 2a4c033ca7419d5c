import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ModelParametersSchema } from '../../core/model/parameters.ts';
import { raceOutcomesFromDocument } from '../../core/night/race-outcomes.ts';
import { summarizeNight } from '../../core/night/summarize-night.ts';
import { RaceOutcomesDocumentSchema } from '../../core/schemas/index.ts';
import { runForecasts, runNightRaces } from '../../runtime/run-forecasts.ts';
import { temporaryDirectory } from '../cli/cli-harness.ts';
import { closeNight, nightRace, TEST_NIGHT } from '../fixtures/night-races.ts';

const run = promisify(execFile);
const SWING = 0.6;
const parameters = ModelParametersSchema.parse({ sharedSwingShare: SWING });
const requests = closeNight().map((countFile) => ({ countFile, seed: 'processes', draws: 2500, parameters }));
const summaryBytes = async (threads: number, spreadThreshold?: number) =>
  JSON.stringify(
    summarizeNight(
      TEST_NIGHT,
      (await runNightRaces(requests, { threads, threadingThreshold: spreadThreshold === undefined ? 0 : Number.POSITIVE_INFINITY, spreadThreshold })).map(
        (race) => race.outcomes,
      ),
    ),
  );

describe('runNightRaces', () => {
  it('gives the forecasts runForecasts gives', async () => {
    const night = await runNightRaces(requests);
    expect(JSON.stringify(night.map((race) => race.forecast))).toBe(JSON.stringify(await runForecasts(requests)));
  });

  it('gives one summary on 1 and 2 threads, with races split into blocks or spread whole over the threads', async () => {
    const oneThread = await summaryBytes(1);
    expect(await summaryBytes(2)).toBe(oneThread);
    expect(await summaryBytes(2, 0)).toBe(oneThread);
  });

  it('gives the same election summary when each race runs in a process of its own', async () => {
    const folder = temporaryDirectory('ballotcast-night-');
    try {
      const script = new URL('./fixtures/race-outcomes-process.ts', import.meta.url).pathname;
      const documents = await Promise.all(
        closeNight().map(async (countFile) => {
          const path = folder.write(`${countFile.race.id}.json`, countFile);
          const { stdout } = await run(process.execPath, ['--import', 'tsx', script, path, 'processes', '2500', String(SWING)]);
          return RaceOutcomesDocumentSchema.parse(JSON.parse(stdout));
        }),
      );
      const separate = summarizeNight(TEST_NIGHT, documents.map(raceOutcomesFromDocument).reverse());
      expect(JSON.stringify(separate)).toBe(await summaryBytes(1));
    } finally {
      folder.remove();
    }
  });

  it('refuses a race of no election', async () => {
    await expect(runNightRaces([{ countFile: nightRace('x', { counted: [1, 2], outstanding: 5 }, null), seed: 's', draws: 10 }])).rejects.toThrow(/no election/);
  });
});
