import { describe, expect, it } from 'vitest';
import { choleskyFactor } from '../../../core/model/cholesky.ts';
import { estimateDriftRate } from '../../../core/model/estimate-drift.ts';
import { DEFAULT_PARAMETERS, ModelParametersSchema } from '../../../core/model/parameters.ts';
import { positionedBatches } from '../../../core/model/positioned-batches.ts';
import { recencyWeights } from '../../../core/model/recency-weights.ts';

const parameters = DEFAULT_PARAMETERS;

/** The rate for a cumulative count, with recency weights as the model uses them. */
function rateOf(snapshots: number[][], expectedFinal: number, used = parameters): Float64Array {
  const batches = positionedBatches(snapshots, expectedFinal, 0, used.pseudoVotes);
  const weights = recencyWeights(batches.map((batch) => batch.size), used.recencyHalfLife);
  const counted = snapshots.at(-1)!.reduce((a, b) => a + b, 0);
  return estimateDriftRate(batches, weights, counted / expectedFinal, used);
}

describe('estimateDriftRate', () => {
  it('is the prior rate priorDriftSd²·(I + J) with a single batch', () => {
    const rate = rateOf([[600, 300, 100]], 4000);
    const prior = parameters.priorDriftSd ** 2;
    expect(Array.from(rate)).toEqual([2 * prior, prior, prior, 2 * prior]);
  });

  it('blends the observed rate D² / Δt with the prior by Δt / (Δt + driftPriorSpan), for known batches', () => {
    // Two batches of 100 on a clock of 400 votes: midpoints 0.125 and 0.375; counted so far 0.5.
    const snapshots = [[60, 40], [90, 110]];
    const rate = rateOf(snapshots, 400);
    const ratios = [Math.log(40.5 / 60.5), Math.log(70.5 / 30.5)];
    // Early: the first half of what is counted (midpoints up to 0.25) is the first batch alone.
    // Recent: weights 100·2^−½ and 100.
    const weights = [2 ** -0.5, 1];
    const recentLevel = (weights[0] * ratios[0] + weights[1] * ratios[1]) / (weights[0] + weights[1]);
    const recentPosition = (weights[0] * 0.125 + weights[1] * 0.375) / (weights[0] + weights[1]);
    const span = recentPosition - 0.125;
    const dataWeight = span / (span + parameters.driftPriorSpan);
    const observed = (recentLevel - ratios[0]) ** 2 / span;
    expect(rate).toHaveLength(1);
    expect(rate[0]).toBeCloseTo(dataWeight * observed + (1 - dataWeight) * 2 * parameters.priorDriftSd ** 2, 12);
  });

  it('rises with the drift seen: a count whose batches shift gives a larger rate than a steady one', () => {
    const steady = rateOf([[500, 500], [1000, 1000], [1500, 1500], [2000, 2000]], 4000)[0];
    const shifting = rateOf([[500, 500], [900, 1100], [1200, 1700], [1400, 2400]], 4000)[0];
    expect(shifting).toBeGreaterThan(steady);
    // A steady count sees no drift: only the prior's share is left.
    expect(steady).toBeLessThan(2 * parameters.priorDriftSd ** 2);
  });

  it('is a symmetric positive semi-definite covariance for several candidates', () => {
    const rate = rateOf([[500, 300, 200], [900, 700, 500], [1200, 1300, 700], [1400, 2000, 800]], 6000);
    expect(rate[1]).toBe(rate[2]);
    const jittered = Float64Array.from(rate, (value, index) => value + (index % 3 === 0 ? 1e-12 : 0));
    expect(() => choleskyFactor(jittered, 2)).not.toThrow();
  });

  it('is zero with no prior and no drift', () => {
    const noPrior = ModelParametersSchema.parse({ priorDriftSd: 0 });
    expect(Array.from(rateOf([[500, 500], [1000, 1000]], 4000, noPrior))).toEqual([0]);
  });
});
