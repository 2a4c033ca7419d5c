import type { NightRace } from './night-documents.ts';
import type { ForecastState } from './race-rows.ts';

/** latest.json requests in flight at once: what browsers open to one host over HTTP/1.1. */
export const FORECAST_REQUESTS_AT_ONCE = 6;

/**
 * Whether the page must (re)read a race's latest.json: it holds none, or one older than the release the
 * summary is for (an earlier release, or the same release with other input: a rerun). A forecast newer
 * than the summary is kept: latest.json never goes backwards, and the summary catches up.
 */
export function needsForecast(race: Pick<NightRace, 'releaseIndex' | 'inputHash'>, state: ForecastState | undefined): boolean {
  if (state?.kind !== 'ready') return true;
  const held = state.forecast.release?.index;
  if (held === undefined) return state.forecast.inputHash !== race.inputHash;
  return held < race.releaseIndex || (held === race.releaseIndex && state.forecast.inputHash !== race.inputHash);
}

/**
 * Runs `task` on every item, at most `limit` at a time, starting them in the items' order; resolves when all
 * have settled. A task that throws does not stop the others: the errors are returned, in no set order.
 */
export async function forEachWithLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return errors;
}
