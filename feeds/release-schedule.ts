import type { CountFile, Race, Release } from '../core/schemas/index.ts';

/** One release of a recorded night, in the order it is to be posted, with the wait before it. */
export interface ScheduledRelease {
  readonly race: Race;
  readonly release: Release;
  /** The release's place in its race: 0 for the first. */
  readonly releaseIndex: number;
  /** The releases of its race. */
  readonly releaseCount: number;
  /** Milliseconds to wait after the previous release: the real gap between their times, divided by the speed. */
  readonly waitMs: number;
}

/**
 * Every release of the count files in time order (by `asOf`; releases of the same time keep the order of the
 * files), with the wait before each: the time since the previous release divided by `speed` (60 replays an
 * hour in a minute; Infinity waits not at all). The first release waits 0.
 * @throws RangeError if speed is not above 0.
 * @example scheduleReleases([file], 60)[1].waitMs // 21_321 for releases 21 min 21 s apart
 */
export function scheduleReleases(countFiles: readonly CountFile[], speed: number): ScheduledRelease[] {
  if (!(speed > 0)) throw new RangeError(`speed must be above 0, got ${speed}`);
  const releases = countFiles.flatMap((file) =>
    file.releases.map((release, releaseIndex) => ({ race: file.race, release, releaseIndex, releaseCount: file.releases.length })),
  );
  // Array.prototype.sort is stable, so ties keep the order of the files.
  const ordered = releases.sort((a, b) => Date.parse(a.release.asOf) - Date.parse(b.release.asOf));
  return ordered.map((item, index) => {
    const gapMs = index === 0 ? 0 : Date.parse(item.release.asOf) - Date.parse(ordered[index - 1].release.asOf);
    return { ...item, waitMs: Number.isFinite(speed) ? gapMs / speed : 0 };
  });
}
