import { batchesOf } from './batches.ts';
import { effectiveCount } from './effective-count.ts';
import { logRatios } from './log-ratios.ts';
import type { ModelParameters } from './parameters.ts';
import { recencyWeights } from './recency-weights.ts';

/** The lean of the outstanding votes: a mean and covariance of their log-ratios to the reference candidate. */
export interface LeanEstimate {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
  /** Effective number of batches behind the estimate, (Σw)² / Σw². */
  readonly effectiveBatches: number;
}

/**
 * Estimates how the outstanding votes of one unit will split, from the batches of its count so far.
 * 1. Each batch's log-ratios, weighted by its size and by recency (weight halves every
 *    `recencyHalfLife` batches back), give a mean and spread of how recent batches broke.
 * 2. The cumulative share of all counted votes acts as `priorBatches` batches' worth of prior, so a
 *    short history leans towards the running total and a long one follows the recent batches.
 * 3. The covariance blends the batch spread with a prior sd (`priorLeanSd`), plus a floor, each per
 *    candidate on the log scale (covariance s²(I + J) in log-ratio coordinates).
 * Returns undefined when the unit has no batch yet.
 */
export function estimateLean(
  snapshots: readonly (readonly number[])[],
  reference: number,
  parameters: ModelParameters,
): LeanEstimate | undefined {
  const batches = batchesOf(snapshots);
  if (batches.length === 0) return undefined;
  const dimensions = snapshots[0].length - 1;
  const ratios = batches.map((batch) => logRatios(batch, reference, parameters.pseudoVotes));
  const sizes = batches.map((batch) => batch.reduce((sum, votes) => sum + votes, 0));
  const weights = recencyWeights(sizes, parameters.recencyHalfLife);
  const { mean: batchMean, covariance: batchSpread } = weightedMoments(ratios, weights, dimensions);
  const effectiveBatches = effectiveCount(weights);
  const cumulative = logRatios(snapshots[snapshots.length - 1], reference, parameters.pseudoVotes);

  const dataWeight = effectiveBatches / (effectiveBatches + parameters.priorBatches);
  const mean = new Float64Array(dimensions);
  for (let i = 0; i < dimensions; i++) mean[i] = dataWeight * batchMean[i] + (1 - dataWeight) * cumulative[i];

  const covariance = new Float64Array(dimensions * dimensions);
  const priorVariance = parameters.priorLeanSd ** 2;
  const floorVariance = parameters.leanSdFloor ** 2;
  for (let i = 0; i < dimensions; i++) {
    for (let j = 0; j < dimensions; j++) {
      const symmetric = i === j ? 2 : 1; // s²(I + J): independent log-scale errors per candidate.
      const index = i * dimensions + j;
      covariance[index] =
        dataWeight * batchSpread[index] + (1 - dataWeight) * priorVariance * symmetric + floorVariance * symmetric;
    }
  }
  return { mean, covariance, effectiveBatches };
}

/** Weighted mean and (biased) weighted covariance of vectors. */
function weightedMoments(vectors: readonly Float64Array[], weights: Float64Array, dimensions: number) {
  let weightSum = 0;
  for (const weight of weights) weightSum += weight;
  const mean = new Float64Array(dimensions);
  vectors.forEach((vector, b) => {
    for (let i = 0; i < dimensions; i++) mean[i] += (weights[b] * vector[i]) / weightSum;
  });
  const covariance = new Float64Array(dimensions * dimensions);
  vectors.forEach((vector, b) => {
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) {
        covariance[i * dimensions + j] += (weights[b] * (vector[i] - mean[i]) * (vector[j] - mean[j])) / weightSum;
      }
    }
  });
  return { mean, covariance };
}
