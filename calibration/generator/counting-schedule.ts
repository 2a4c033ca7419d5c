import { drawBernoulli, drawGamma, drawInteger, drawLogNormal } from './distributions.ts';
import type { CountingPlan } from './race-spec.ts';
import type { Random } from './random.ts';

/** When one unit's ballots are counted. */
export interface UnitSchedule {
  /** Index of the first release that lists the unit. */
  readonly firstRelease: number;
  /** Cumulative ballots counted by each release (0 before `firstRelease`); the last entry is all of them. */
  readonly countedBallots: readonly number[];
}

/**
 * Draws how a unit of `totalVotes` ballots is counted over the releases.
 *
 * 1. A unit other than the lead unit (u001) first appears in a later release (in the first half) with
 *    probability `lateJoinProbability`.
 * 2. The unit's pace is the race's decay times a log-normal factor, so units report at different speeds.
 * 3. From its first release on, each release gets a weight: a gamma draw (uneven batches) times
 *    exp(-decay × releases since joining) (early releases count more), or 0 with `skipProbability`.
 *    The lead unit never skips the first release, so the race's first release counts some votes.
 * 4. Cumulative counts are the unit's ballots times the cumulative share of weight, rounded; the final
 *    release has everything counted.
 */
export function drawUnitSchedule(totalVotes: number, isLeadUnit: boolean, plan: CountingPlan, random: Random): UnitSchedule {
  const joinsLate = !isLeadUnit && plan.releaseCount > 1 && drawBernoulli(plan.lateJoinProbability, random);
  const firstRelease = joinsLate ? drawInteger(1, Math.max(1, Math.floor(plan.releaseCount / 2)), random) : 0;
  const weights = drawBatchWeights(firstRelease, isLeadUnit, plan, random);
  return { firstRelease, countedBallots: cumulativeBallots(totalVotes, weights) };
}

function drawBatchWeights(firstRelease: number, isLeadUnit: boolean, plan: CountingPlan, random: Random): number[] {
  const decay = drawLogNormal(plan.decayPerRelease, plan.unitSpeedLogSd, random);
  const weights = Array.from({ length: plan.releaseCount }, (_, release) => {
    if (release < firstRelease) return 0;
    const mustReport = isLeadUnit && release === 0;
    if (!mustReport && drawBernoulli(plan.skipProbability, random)) return 0;
    return drawGamma(plan.batchSizeShape, random) * Math.exp(-decay * (release - firstRelease));
  });
  // A unit that skipped every release is counted in full in the last one.
  if (!weights.some((weight) => weight > 0)) weights[weights.length - 1] = 1;
  return weights;
}

/** Cumulative whole ballots by release; the final entry is exactly `totalVotes`. */
function cumulativeBallots(totalVotes: number, weights: readonly number[]): number[] {
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  let cumulativeWeight = 0;
  return weights.map((weight, release) => {
    cumulativeWeight += weight;
    if (release === weights.length - 1) return totalVotes;
    return Math.round((totalVotes * cumulativeWeight) / totalWeight);
  });
}
