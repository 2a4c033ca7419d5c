import { drawBernoulli, drawNormal } from './distributions.ts';
import type { Random } from './random.ts';

/**
 * The number of successes in `trials` independent tries with success probability `probability`.
 * Exact for up to 50 trials; beyond that a Poisson approximation when the rarer outcome averages fewer
 * than 10, else a normal approximation, rounded and kept in [0, trials]. Good enough for vote counts.
 * @example drawBinomial(100, 0, () => 0.5) // 0
 */
export function drawBinomial(trials: number, probability: number, random: Random): number {
  if (trials <= 0 || probability <= 0) return 0;
  if (probability >= 1) return trials;
  // Draw the rarer outcome, then flip back if needed.
  const rare = Math.min(probability, 1 - probability);
  const rareCount = drawRareCount(trials, rare, random);
  return rare === probability ? rareCount : trials - rareCount;
}

function drawRareCount(trials: number, probability: number, random: Random): number {
  const mean = trials * probability;
  if (trials <= 50) {
    let successes = 0;
    for (let trial = 0; trial < trials; trial += 1) if (drawBernoulli(probability, random)) successes += 1;
    return successes;
  }
  if (mean < 10) return Math.min(trials, drawPoisson(mean, random));
  const draw = Math.round(drawNormal(mean, Math.sqrt(mean * (1 - probability)), random));
  return Math.min(trials, Math.max(0, draw));
}

/** A Poisson draw by Knuth's product-of-uniforms method; meant for small means (below about 30). */
function drawPoisson(mean: number, random: Random): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

/**
 * Splits `trials` votes among outcomes with the given probabilities (summing to 1) by drawing each
 * outcome's count conditional on the ones before it. The counts are whole numbers summing to `trials`.
 * @example drawMultinomial(10, [1, 0], () => 0.5) // [10, 0]
 */
export function drawMultinomial(trials: number, probabilities: readonly number[], random: Random): number[] {
  const counts = new Array<number>(probabilities.length).fill(0);
  let remainingTrials = trials;
  let remainingProbability = 1;
  for (let index = 0; index < probabilities.length - 1 && remainingTrials > 0; index += 1) {
    const conditional = remainingProbability > 0 ? probabilities[index] / remainingProbability : 0;
    counts[index] = drawBinomial(remainingTrials, Math.min(1, conditional), random);
    remainingTrials -= counts[index];
    remainingProbability -= probabilities[index];
  }
  counts[probabilities.length - 1] += remainingTrials;
  return counts;
}
