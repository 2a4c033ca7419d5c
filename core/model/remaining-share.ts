import type { Release, Unit } from '../schemas/count-file.ts';
import { votesCounted } from '../schemas/votes-counted.ts';

/** Share of the race's expected final votes still to count, in [0, 1]; 0 when nothing is expected at all. */
export function raceRemainingShare(release: Release): number {
  let counted = 0;
  let expected = 0;
  for (const unit of release.units) {
    for (const votes of Object.values(unit.counted)) counted += votes;
    expected += unit.outstanding.expected;
  }
  return counted + expected > 0 ? expected / (counted + expected) : 0;
}

/** Share of a unit's expected final votes still to count, in [0, 1]. */
export function remainingShare(unit: Unit): number {
  const counted = votesCounted(unit);
  return unit.outstanding.expected / (counted + unit.outstanding.expected);
}
