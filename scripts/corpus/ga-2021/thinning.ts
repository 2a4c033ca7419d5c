import { POLLS_CLOSED } from './races.ts';
import type { RaceSnapshot } from './county-states.ts';

/** Every snapshot of this many first hours after polls closed is kept: both Senate leads changed then. */
export const KEEP_ALL_HOURS = 6;

/** Eastern Standard Time (January): UTC − 5 h, for the calendar day of a snapshot. */
const EASTERN_OFFSET_MS = -5 * 3_600_000;

/**
 * The snapshots the county × vote-type files keep (indices, increasing), so each file stays under 5 MB: all of
 * the first KEEP_ALL_HOURS hours after polls closed, then the last snapshot of each Eastern calendar day. The
 * last snapshot (the final) is always the last of its day.
 */
export function keptSnapshots(snapshots: readonly RaceSnapshot[]): number[] {
  const dayOf = (asOf: string) => new Date(Date.parse(asOf) + EASTERN_OFFSET_MS).toISOString().slice(0, 10);
  const keepAllUntil = Date.parse(POLLS_CLOSED) + KEEP_ALL_HOURS * 3_600_000;
  return snapshots.flatMap((snapshot, index) => {
    const next = snapshots[index + 1];
    const lastOfDay = next === undefined || dayOf(next.asOf) !== dayOf(snapshot.asOf);
    return Date.parse(snapshot.asOf) < keepAllUntil || lastOfDay ? [index] : [];
  });
}
