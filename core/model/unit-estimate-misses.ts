import type { Unit } from '../schemas/count-file.ts';
import { votesCounted } from '../schemas/votes-counted.ts';

/**
 * How far a unit's own earlier estimates of its outstanding votes have missed, as a log-scale sd: for each
 * earlier release j with an estimate E_j > 0, what E_j should have been in the light of today, R_j = votes
 * counted since j + today's estimate, gives the miss log(1 + R_j) − log(1 + E_j). The result is the root
 * mean square of the misses, a release `halfLife` releases back weighing half, times `weight`. A unit whose
 * office keeps finding votes beyond its estimates (or stops while it says many remain) has a wider spread.
 * 0 with no earlier estimate. `history` is the unit in each release up to today, oldest first.
 * @example unitEstimateMissLogSd([{ counted: { a: 0 }, outstanding: { expected: 100 } }, { counted: { a: 300 }, outstanding: { expected: 100 } }], 2, 1) // log(401 / 101) ≈ 1.379
 */
export function unitEstimateMissLogSd(history: readonly Pick<Unit, 'counted' | 'outstanding'>[], halfLife: number, weight: number): number {
  if (!(weight > 0) || history.length < 2) return 0;
  const today = history[history.length - 1];
  const countedToday = votesCounted(today);
  let weightedSquares = 0;
  let weightSum = 0;
  for (let index = 0; index < history.length - 1; index++) {
    const earlier = history[index];
    if (!(earlier.outstanding.expected > 0)) continue;
    const realized = countedToday - votesCounted(earlier) + today.outstanding.expected;
    const miss = Math.log1p(Math.max(0, realized)) - Math.log1p(earlier.outstanding.expected);
    const releaseWeight = 0.5 ** ((history.length - 1 - index) / halfLife);
    weightedSquares += releaseWeight * miss * miss;
    weightSum += releaseWeight;
  }
  return weightSum > 0 ? weight * Math.sqrt(weightedSquares / weightSum) : 0;
}
