/**
 * Kish's effective sample size of a set of weights, (Σw)² / Σw²: the number of equal weights that would
 * give a weighted mean the same variance. Equals the number of weights when they are all equal.
 * @example effectiveCount(Float64Array.of(1, 1, 0.01)) // ≈ 2.01
 */
export function effectiveCount(weights: Float64Array): number {
  let sum = 0;
  let sumOfSquares = 0;
  for (const weight of weights) {
    sum += weight;
    sumOfSquares += weight * weight;
  }
  return (sum * sum) / sumOfSquares;
}
