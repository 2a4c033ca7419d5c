import type { Release, Unit } from '../../../core/schemas/index.ts';
import { countFalls, type Fall } from './corrections.ts';
import type { RaceSnapshot } from './county-states.ts';
import type { CountyEstimate } from './snapshot-estimate.ts';
import type { UnitInputs } from './units.ts';

/** The race's snapshots with their estimates, and the collector commit of each snapshot time. */
export type RaceHistory = {
  snapshots: readonly RaceSnapshot[];
  estimates: readonly ReadonlyMap<string, CountyEstimate>[];
  commits: ReadonlyMap<string, string>;
};

/**
 * One release per kept snapshot (indices into `history.snapshots`, increasing), with units from `makeUnits`.
 * A unit is marked as a correction when its count fell at any snapshot since the previous kept one, so
 * dropping snapshots never hides a fall. The last snapshot is the final count.
 */
export function assembleReleases(
  history: RaceHistory,
  kept: readonly number[],
  makeUnits: (inputs: UnitInputs) => Unit[],
): Release[] {
  const lastIndex = history.snapshots.length - 1;
  return kept.map((snapshotIndex, position) => {
    const snapshot = history.snapshots[snapshotIndex];
    const final = snapshotIndex === lastIndex;
    const falls = position === 0 ? [] : fallsBetween(history.snapshots, kept[position - 1], snapshotIndex);
    const units = makeUnits({ counties: snapshot.counties, estimates: history.estimates[snapshotIndex], falls, final });
    return { asOf: snapshot.asOf, label: releaseLabel(history, snapshot, final), units };
  });
}

/** Falls at every step after snapshot `fromIndex` up to and including `toIndex`. */
function fallsBetween(snapshots: readonly RaceSnapshot[], fromIndex: number, toIndex: number): Fall[] {
  const falls: Fall[] = [];
  for (let index = fromIndex + 1; index <= toIndex; index += 1) falls.push(...countFalls(snapshots[index - 1], snapshots[index]));
  return falls;
}

function releaseLabel(history: RaceHistory, snapshot: RaceSnapshot, final: boolean): string {
  const commit = history.commits.get(snapshot.asOf);
  if (commit === undefined) throw new Error(`snapshots.csv has no snapshot at ${snapshot.asOf}`);
  const label = `collector commit ${commit.slice(0, 7)}: ${snapshot.reporting ?? snapshot.counties.length} counties reporting`;
  return final
    ? `${label}; final in these data: Camden, Chattooga and Greene never reported, Grady is its election-night report`
    : label;
}
