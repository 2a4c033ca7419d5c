import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../../core/schemas/index.ts';
import { forEachWithLimit, needsForecast } from '../../../web/src/night/read-forecasts.ts';

const HASH_A = `sha256:${'a'.repeat(64)}`;
const HASH_B = `sha256:${'b'.repeat(64)}`;
const ready = (index: number | undefined, inputHash: string) => ({ kind: 'ready' as const, forecast: { release: index === undefined ? undefined : { index }, inputHash } as Forecast });

describe('which forecasts the night page reads again', () => {
  const race = { releaseIndex: 3, inputHash: HASH_A };

  it('reads a race whose forecast it holds not, or holds for an older release or other input', () => {
    expect(needsForecast(race, undefined)).toBe(true);
    expect(needsForecast(race, { kind: 'loading' })).toBe(true);
    expect(needsForecast(race, { kind: 'missing' })).toBe(true);
    expect(needsForecast(race, { kind: 'bad', problem: 'x' })).toBe(true);
    expect(needsForecast(race, ready(2, HASH_A))).toBe(true);
    expect(needsForecast(race, ready(3, HASH_B))).toBe(true);
    expect(needsForecast(race, ready(undefined, HASH_B))).toBe(true);
  });

  it('keeps a forecast of the same run, or of a newer release than the summary', () => {
    expect(needsForecast(race, ready(3, HASH_A))).toBe(false);
    expect(needsForecast(race, ready(4, HASH_B))).toBe(false);
    expect(needsForecast(race, ready(undefined, HASH_A))).toBe(false);
  });
});

describe('running tasks a few at a time', () => {
  it('never has more than the limit in flight, starts them in order and finishes them all', async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const pending: (() => void)[] = [];
    const done = forEachWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      started.push(item);
      most = Math.max(most, ++inFlight);
      await new Promise<void>((resolve) => pending.push(resolve));
      inFlight--;
    });
    // Each task waits until it is let go; letting them go one by one lets the next ones start.
    while (started.length < 7 || pending.length > 0) {
      await Promise.resolve();
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await done).toEqual([]);
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('goes on after a task throws, and returns the errors', async () => {
    const finished: number[] = [];
    const errors = await forEachWithLimit([1, 2, 3], 2, async (item) => {
      if (item === 2) throw new Error('two');
      finished.push(item);
    });
    expect(finished).toEqual([1, 3]);
    expect(errors.map((error) => (error as Error).message)).toEqual(['two']);
    expect(await forEachWithLimit([], 6, async () => undefined)).toEqual([]);
  });
});
