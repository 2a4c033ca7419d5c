/**
 * Weight of each batch in the recent lean: its size in votes times 2^(−age / halfLife), where the newest
 * batch has age 0. The result is an exponentially weighted moving average, the best predictor of a level
 * that drifts.
 * @example recencyWeights([100, 100, 100], 1) // Float64Array [25, 50, 100]
 */
export function recencyWeights(sizes: readonly number[], halfLife: number): Float64Array {
  return Float64Array.from(sizes, (size, index) => size * Math.exp((-(sizes.length - 1 - index) * Math.LN2) / halfLife));
}
