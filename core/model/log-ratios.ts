/**
 * Log-ratios of each candidate's votes to a reference candidate's: the additive log-ratio coordinates in
 * which the model draws vote shares. A pseudo-count keeps a candidate with no votes finite.
 * Returns one value for every candidate except the reference, in candidate order.
 * @example logRatios([300, 100], 0, 0) // Float64Array [ln(100/300)] = [-1.0986…]
 */
export function logRatios(votes: ArrayLike<number>, reference: number, pseudoVotes: number): Float64Array {
  const ratios = new Float64Array(votes.length - 1);
  const referenceLog = Math.log(votes[reference] + pseudoVotes);
  let dimension = 0;
  for (let candidate = 0; candidate < votes.length; candidate++) {
    if (candidate === reference) continue;
    ratios[dimension++] = Math.log(votes[candidate] + pseudoVotes) - referenceLog;
  }
  return ratios;
}

/** The candidate index behind each log-ratio dimension. */
export function dimensionCandidates(candidateCount: number, reference: number): Int32Array {
  const candidates = new Int32Array(candidateCount - 1);
  let dimension = 0;
  for (let candidate = 0; candidate < candidateCount; candidate++) {
    if (candidate !== reference) candidates[dimension++] = candidate;
  }
  return candidates;
}
