import { drawBernoulli, drawInteger, drawLogNormal, drawUniform } from './distributions.ts';
import type { GeneratorOptions } from './options.ts';
import type { CountingPlan, EstimatePlan } from './race-spec.ts';
import type { Random } from './random.ts';

/** The race's counting plan: a number of releases, a pace, and the unit-level knobs copied from options. */
export function drawCountingPlan(options: GeneratorOptions['counting'], random: Random): CountingPlan {
  const releaseCount = drawInteger(...options.releaseCountRange, random);
  return {
    releaseCount,
    startAsOf: options.startAsOf,
    nightReleaseCount: Math.max(1, Math.round(releaseCount * options.nightShare)),
    nightGapMinutesRange: options.nightGapMinutesRange,
    dayGapHoursRange: options.dayGapHoursRange,
    decayPerRelease: drawUniform(...options.decayPerReleaseRange, random),
    unitSpeedLogSd: options.unitSpeedLogSd,
    skipProbability: options.skipProbability,
    lateJoinProbability: options.lateJoinProbability,
    batchSizeShape: options.batchSizeShape,
  };
}

/**
 * How wrong the race's official estimates of outstanding votes are: usually a modest log-normal
 * under-estimate, sometimes a big miss (about half the true remainder, as in LA's June 2022 primary),
 * and whether the race states 90% ranges at all.
 */
export function drawEstimatePlan(options: GeneratorOptions['estimates'], random: Random): EstimatePlan {
  const ratio = drawBernoulli(options.bigMissProbability, random)
    ? drawUniform(...options.bigMissRatioRange, random)
    : drawLogNormal(options.bias.median, options.bias.logSd, random);
  const statesRanges = drawBernoulli(options.rangeProbability, random);
  return {
    logBias: Math.log(ratio),
    releaseLogSd: options.releaseLogSd,
    unitLogSd: options.unitLogSd,
    totalMissShare: options.totalMissShare,
    rangeLogSd: statesRanges ? drawUniform(...options.rangeLogSdRange, random) : null,
  };
}
