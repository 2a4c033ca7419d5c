import { describe, expect, it } from 'vitest';
import { forecastRace, type ForecastRequest } from '../../core/forecast-race.ts';
import { runForecasts } from '../../runtime/run-forecasts.ts';
import { syntheticRace } from '../../bench/synthetic-race.ts';
import { exampleCountFile, twoUnitRace } from '../fixtures/count-files.ts';

const bytes = (value: unknown) => JSON.stringify(value);

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

  it('reports progress block by block up to the total', async () => {
    const seen: [number, number][] = [];
    await runForecasts(requests.slice(0, 2), { threads: 2, threadingThreshold: 0, onProgress: (done, total) => seen.push([done, total]) });
    const total = Math.ceil(5_000 / 1024) + Math.ceil(3_333 / 1024);
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    expect(new Set(seen.map(([, all]) => all))).toEqual(new Set([total]));
  });

  it('rejects a bad request before starting any thread', async () => {
    await expect(runForecasts([{ ...requests[0], draws: 0 }], { threads: 2, threadingThreshold: 0 })).rejects.toThrow(RangeError);
  });
});
