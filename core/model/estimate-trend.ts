import type { PositionedBatch } from './positioned-batches.ts';

/**
 * How much further a unit's lean will move over the rest of its count if its recent trend goes on: a
 * local linear trend on the unit's own clock (0 = first vote, 1 = last expected), in log-ratios.
 * 1. A weighted least-squares line through the batches' log-ratios against their midpoints, with the
 *    recency weights of the lean, so the slope is the recent one.
 * 2. The slope is shrunk by v / (v + priorSpan²), v the weighted variance of the midpoints: batches
 *    bunched on a short stretch of count say little about a slope.
 * 3. The shift is slope × (middle of the rest of the count − weighted mean midpoint).
 * 4. It is capped, per dimension, at `capMultiple` times how far the recent level already stands from the
 *    size-weighted level of all batches: a trend goes on at most that many times as far again as it has come
 *    (Infinity: no cap). A step already taken looks like
 *    a steep line through old and new batches; the cap keeps it from being carried on without end.
 * Returns zeros with fewer than two batches, or when the unit is done.
 * @example estimateTrend(batches at 0.1 and 0.3 with log-ratios 0 and 0.2, sizes 100 and weights 1 and 3, 0.4, 0)
 *          // slope 1 per unit of count, from 0.25 to 0.7: 0.45, capped at 0.15 − 0.1: [0.05]
 */
export function estimateTrend(
  batches: readonly PositionedBatch[],
  weights: Float64Array,
  position: number,
  priorSpan: number,
  capMultiple = 1,
): Float64Array {
  const dimensions = batches[0]?.ratios.length ?? 0;
  const shift = new Float64Array(dimensions);
  if (batches.length < 2 || position >= 1) return shift;
  let total = 0;
  let meanPosition = 0;
  batches.forEach((batch, index) => {
    total += weights[index];
    meanPosition += weights[index] * batch.midpoint;
  });
  meanPosition /= total;
  const meanRatios = new Float64Array(dimensions);
  const allRatios = new Float64Array(dimensions);
  const votes = batches.reduce((sum, batch) => sum + batch.size, 0);
  let positionVariance = 0;
  batches.forEach((batch, index) => {
    positionVariance += (weights[index] * (batch.midpoint - meanPosition) ** 2) / total;
    for (let i = 0; i < dimensions; i++) {
      meanRatios[i] += (weights[index] * batch.ratios[i]) / total;
      allRatios[i] += (batch.size * batch.ratios[i]) / votes;
    }
  });
  if (!(positionVariance > 0)) return shift;
  // Shrinking the slope towards 0 is a normal prior on it; priorSpan sets how much spread earns trust.
  const shrinkage = positionVariance / (positionVariance + priorSpan ** 2);
  const horizon = (position + 1) / 2 - meanPosition;
  for (let i = 0; i < dimensions; i++) {
    let covariance = 0;
    batches.forEach((batch, index) => {
      covariance += (weights[index] * (batch.midpoint - meanPosition) * (batch.ratios[i] - meanRatios[i])) / total;
    });
    const carried = (covariance / positionVariance) * shrinkage * horizon;
    const cap = capMultiple === Infinity ? Infinity : capMultiple * Math.abs(meanRatios[i] - allRatios[i]);
    shift[i] = Math.max(-cap, Math.min(cap, carried));
  }
  return shift;
}
