import type { ContestSnapshot } from './contest-history.ts';
import { hoursBetween } from './count-curve.ts';

/** Hourly releases are kept this long after polls close (election night and the next day); daily after. */
export const HOURLY_FOR_HOURS = 24;

/**
 * The thinning bucket of a time: the whole hour since polls closed during the first 24 hours, then the
 * whole day (24-hour period from 8 pm Pacific) since polls closed.
 * @example thinningBucket(5.5) // 'hour 5'
 * @example thinningBucket(50) // 'day 2'
 */
export function thinningBucket(hoursSinceClose: number): string {
  return hoursSinceClose < HOURLY_FOR_HOURS
    ? `hour ${Math.floor(hoursSinceClose)}`
    : `day ${Math.floor(hoursSinceClose / 24)}`;
}

/**
 * Keeps the last snapshot of each bucket (so the final snapshot is always kept), in time order: at most
 * one release per hour for the first 24 hours, one per day after. Only times decide what is kept.
 */
export function thinSnapshots(snapshots: readonly ContestSnapshot[], pollsClosed: string): ContestSnapshot[] {
  const buckets = snapshots.map((snapshot) => thinningBucket(hoursBetween(pollsClosed, snapshot.asOf)));
  return snapshots.filter((_, index) => buckets[index] !== buckets[index + 1]);
}
