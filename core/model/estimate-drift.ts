import type { ModelParameters } from './parameters.ts';
import type { PositionedBatch } from './positioned-batches.ts';

/**
 * How fast the lean of a race's batches drifts as the count goes on: a covariance of log-ratios per unit
 * of count (0 to 1 of the expected final votes), as for a random walk on the count's own clock.
 *
 * 1. The recent level is the recency-weighted mean of the batches (as in estimateLean); the early level is
 *    the size-weighted mean of the batches in the first half of what is counted so far.
 * 2. Their difference D, over the stretch of count Δt between them, estimates the rate as D·Dᵀ / Δt.
 * 3. That estimate is blended with a prior rate, priorDriftSd²·(I + J), weighing the data by
 *    Δt / (Δt + driftPriorSpan): a long stretch of count tells more than a short one.
 * With a single batch, or batches all at one point, the prior rate stands alone.
 */
export function estimateDriftRate(
  batches: readonly PositionedBatch[],
  recencyWeights: Float64Array,
  countedFraction: number,
  parameters: ModelParameters,
): Float64Array {
  const dimensions = batches[0]?.ratios.length ?? 0;
  const rate = new Float64Array(dimensions * dimensions);
  const recent = weightedLevel(batches, recencyWeights);
  const earlyWeights = Float64Array.from(batches, (batch, index) =>
    index === 0 || batch.midpoint <= countedFraction / 2 ? batch.size : 0,
  );
  const early = weightedLevel(batches, earlyWeights);
  const span = recent.position - early.position;
  const dataWeight = span > 0 ? span / (span + parameters.driftPriorSpan) : 0;
  const priorRate = parameters.priorDriftSd ** 2;
  for (let i = 0; i < dimensions; i++) {
    for (let j = 0; j < dimensions; j++) {
      const observed = span > 0 ? ((recent.level[i] - early.level[i]) * (recent.level[j] - early.level[j])) / span : 0;
      rate[i * dimensions + j] = dataWeight * observed + (1 - dataWeight) * priorRate * (i === j ? 2 : 1);
    }
  }
  return rate;
}

/** Weighted mean of the batches' log-ratios, and of their positions in the count. */
function weightedLevel(batches: readonly PositionedBatch[], weights: Float64Array) {
  const dimensions = batches[0]?.ratios.length ?? 0;
  const level = new Float64Array(dimensions);
  let position = 0;
  let total = 0;
  batches.forEach((batch, index) => {
    total += weights[index];
    position += weights[index] * batch.midpoint;
    for (let i = 0; i < dimensions; i++) level[i] += weights[index] * batch.ratios[i];
  });
  for (let i = 0; i < dimensions; i++) level[i] /= total;
  return { level, position: position / total };
}
