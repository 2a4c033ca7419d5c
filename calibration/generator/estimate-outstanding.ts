import type { Outstanding } from '../../core/schemas/index.ts';
import { drawNormal } from './distributions.ts';
import type { EstimatePlan } from './race-spec.ts';
import type { Random } from './random.ts';

/** z-score of the 95th percentile of a normal: a 90% range is ±1.645 sd. */
const Z_90 = 1.6448536269514722;

/**
 * The official estimate of a unit's outstanding votes: the true remainder times
 * exp(release error + unit error), where the release error is shared by all units of the release and
 * the unit error is normal with sd `unitLogSd`, plus a normal miss of sd `totalMissShare` × the unit's total
 * ballots, which does not shrink with the remainder (real estimates of a small remainder can be far off).
 * Whole votes, at least 1 while anything remains, 0 when the unit is done. When the race states ranges, `low` and `high` are expected × exp(∓1.645 × rangeLogSd),
 * rounded outwards, so low <= expected <= high always.
 * @example estimateOutstanding(0, 5000, -0.14, plan, random) // { expected: 0, low: 0, high: 0 } when plan states ranges
 */
export function estimateOutstanding(
  trueRemaining: number,
  unitBallots: number,
  releaseLogError: number,
  plan: EstimatePlan,
  random: Random,
): Outstanding {
  const expected = trueRemaining === 0 ? 0 : estimateExpected(trueRemaining, unitBallots, releaseLogError, plan, random);
  if (plan.rangeLogSd === null) return { expected };
  const spread = Math.exp(Z_90 * plan.rangeLogSd);
  return { expected, low: Math.floor(expected / spread), high: Math.ceil(expected * spread) };
}

function estimateExpected(
  trueRemaining: number,
  unitBallots: number,
  releaseLogError: number,
  plan: EstimatePlan,
  random: Random,
): number {
  const logError = releaseLogError + drawNormal(0, plan.unitLogSd, random);
  const miss = drawNormal(0, plan.totalMissShare * unitBallots, random);
  return Math.max(1, Math.round(trueRemaining * Math.exp(logError) + miss));
}

/** The race-wide log error of one release's estimates: the race's bias plus a normal release wobble. */
export function drawReleaseLogError(plan: EstimatePlan, random: Random): number {
  return plan.logBias + drawNormal(0, plan.releaseLogSd, random);
}
