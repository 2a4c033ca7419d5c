import { describe, expect, it } from 'vitest';
import { forecastRace, type ForecastRequest } from '../../core/forecast-race.ts';
import { runForecasts, runNightRaces } from '../../runtime/run-forecasts.ts';
import { syntheticRace } from '../../bench/synthetic-race.ts';
import { exampleCountFile, twoUnitRace } from '../fixtures/count-files.ts';
import { closeNight, nightRace } from '../fixtures/night-races.ts';

const bytes = (value: unknown) => JSON.stringify(value);
/** Sends any set of two or more small forecasts whole to the threads, none split into blocks. */
const spread = { threadingThreshold: Number.POSITIVE_INFINITY, spreadThreshold: 0 };

describe('runForecasts', () => {
  const requests: ForecastRequest[] = [
    { countFile: syntheticRace(40, 3), seed: 'threads', draws: 5_000 },
    { countFile: twoUnitRace({ kind: 'majority' }), seed: 'threads', draws: 3_333 },
    { countFile: exampleCountFile('la-mayor-2022-primary'), releaseIndex: 1, seed: 'x', draws: 2_500 },
  ];

  it('gives the same bytes on 1, 2 and 4 threads, and the same as the single-threaded core', async () => {
    // threadingThreshold 0 sends even these small races through the worker pool.
    const oneThread = await runForecasts(requests, { threads: 1 });
    const twoThreads = await runForecasts(requests, { threads: 2, threadingThreshold: 0 });
    const fourThreads = await runForecasts(requests, { threads: 4, threadingThreshold: 0 });
    expect(bytes(twoThreads)).toBe(bytes(oneThread));
    expect(bytes(fourThreads)).toBe(bytes(oneThread));
    expect(bytes(oneThread)).toBe(bytes(requests.map(forecastRace)));
  });

  it('gives the same bytes, in request order, with whole forecasts spread over this thread and the workers', async () => {
    // More forecasts than the workers hold queued (2 each), so their queues refill as they finish.
    const many = [...requests, ...requests.map((request) => ({ ...request, seed: `${request.seed}-again` }))];
    const oneThread = await runForecasts(many, { threads: 1 });
    expect(bytes(await runForecasts(many, { threads: 2, ...spread }))).toBe(bytes(oneThread));
    expect(bytes(await runForecasts(many, { threads: 3, ...spread }))).toBe(bytes(oneThread));
  });

  it("passes on a worker's failure, as a RangeError when it was one", async () => {
    // The worker takes the first two forecasts; the first is of no election, which runNightRaces refuses.
    const races = [nightRace('alone', { counted: [10, 9], outstanding: 10 }, null), ...closeNight()];
    const night = races.map((countFile) => ({ countFile, seed: 'fails', draws: 1_000 }));
    const failure = runNightRaces(night, { threads: 2, ...spread });
    await expect(failure).rejects.toThrow(RangeError);
    await expect(failure).rejects.toThrow(/^simulation thread failed: /);
  });

  it('reports progress block by block up to the total', async () => {
    const seen: [number, number][] = [];
    await runForecasts(requests.slice(0, 2), { threads: 2, threadingThreshold: 0, onProgress: (done, total) => seen.push([done, total]) });
    const total = Math.ceil(5_000 / 1024) + Math.ceil(3_333 / 1024);
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    expect(new Set(seen.map(([, all]) => all))).toEqual(new Set([total]));
  });

  it('reports every block when whole forecasts are spread over the threads', async () => {
    const seen: number[] = [];
    const options = { threads: 2, ...spread, onProgress: (done: number) => seen.push(done) };
    await runForecasts(requests.slice(0, 2), options);
    const total = Math.ceil(5_000 / 1024) + Math.ceil(3_333 / 1024);
    expect(seen).toEqual(Array.from({ length: total }, (_, index) => index + 1));
  });

  it('rejects a bad request before starting any thread', async () => {
    await expect(runForecasts([{ ...requests[0], draws: 0 }], { threads: 2, threadingThreshold: 0 })).rejects.toThrow(RangeError);
    await expect(runForecasts([requests[0], { ...requests[1], releaseIndex: 99 }], { threads: 2, ...spread })).rejects.toThrow(/no release 99/);
  });
});
