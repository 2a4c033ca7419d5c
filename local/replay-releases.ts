import type { ScheduledRelease } from '../feeds/release-schedule.ts';
import type { LocalApiClient } from './api-client.ts';

export interface ReplayOptions {
  /** Waits `ms` milliseconds; injected, so tests need no timers. Default: setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each release is stored (HTTP 201, or 200 for one stored before), before the next wait. */
  readonly afterEach?: (item: ScheduledRelease, status: number) => Promise<void> | void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Posts a recorded night through the API as the feed gave it: each release after its wait, in the order of
 * the schedule, and each race created (PUT) just before its first release, so a race added mid-night appears
 * mid-night. A release the API already holds (200, e.g. a rehearsal folder replayed twice) is passed over.
 * @throws Error with the API's answer if a race or a release is refused.
 */
export async function replayReleases(api: LocalApiClient, schedule: readonly ScheduledRelease[], options: ReplayOptions = {}): Promise<void> {
  const sleep = options.sleep ?? sleepFor;
  const created = new Set<string>();
  for (const item of schedule) {
    if (item.waitMs > 0) await sleep(item.waitMs);
    const raceId = item.race.id;
    if (!created.has(raceId)) {
      const put = await api.send('PUT', `/races/${raceId}`, item.race);
      if (put.status >= 300) throw new Error(`PUT /races/${raceId}: HTTP ${put.status} ${JSON.stringify(put.json)}`);
      created.add(raceId);
    }
    const posted = await api.send('POST', `/races/${raceId}/releases`, item.release);
    if (posted.status !== 201 && posted.status !== 200) {
      throw new Error(`POST /races/${raceId}/releases (${item.release.asOf}): HTTP ${posted.status} ${JSON.stringify(posted.json)}`);
    }
    await options.afterEach?.(item, posted.status);
  }
}
