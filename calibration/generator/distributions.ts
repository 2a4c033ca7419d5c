import type { Random } from './random.ts';

// Small samplers written for the generator, so that it shares no code with the model in core/.
// Every sampler takes its random source as the last argument.

/**
 * A uniform draw in [low, high).
 * @example drawUniform(10, 20, () => 0.5) // 15
 */
export function drawUniform(low: number, high: number, random: Random): number {
  return low + (high - low) * random();
}

/**
 * A whole number drawn uniformly from low to high, both included.
 * @example drawInteger(6, 20, () => 0.99) // 20
 */
export function drawInteger(low: number, high: number, random: Random): number {
  return low + Math.floor(random() * (high - low + 1));
}

/**
 * True with the given probability in [0, 1].
 * @example drawBernoulli(0.5, () => 0.3) // true
 */
export function drawBernoulli(probability: number, random: Random): boolean {
  return random() < probability;
}

/**
 * A normal draw by the Box–Muller transform (https://en.wikipedia.org/wiki/Box%E2%80%93Muller_transform).
 * @example drawNormal(3, 2, () => 0.5) // ≈ 0.645 (radius sqrt(-2 ln 0.5) ≈ 1.177, cos(π) = -1)
 */
export function drawNormal(mean: number, sd: number, random: Random): number {
  // 1 - random() lies in (0, 1], so the logarithm is finite.
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  const angle = 2 * Math.PI * random();
  return mean + sd * radius * Math.cos(angle);
}

/**
 * A log-normal draw described by its median and the standard deviation of its logarithm.
 * @example drawLogNormal(20000, 0, () => 0.5) // 20000
 */
export function drawLogNormal(median: number, logSd: number, random: Random): number {
  return median * Math.exp(drawNormal(0, logSd, random));
}

/** The absolute value of a normal draw with mean 0: a half-normal, >= 0, with median ≈ 0.674 × sd. */
export function drawHalfNormal(sd: number, random: Random): number {
  return Math.abs(drawNormal(0, sd, random));
}

/**
 * A gamma draw with scale 1, by Marsaglia and Tsang's method
 * (https://dl.acm.org/doi/10.1145/358407.358414); shapes below 1 use the boost u^(1/shape).
 * @throws RangeError when shape is not positive.
 */
export function drawGamma(shape: number, random: Random): number {
  if (!(shape > 0)) throw new RangeError(`expected a positive gamma shape, got ${shape}`);
  if (shape < 1) return drawGamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = drawNormal(0, 1, random);
    const cube = Math.pow(1 + c * normal, 3);
    if (cube <= 0) continue;
    const uniform = 1 - random();
    if (Math.log(uniform) < 0.5 * normal * normal + d - d * cube + d * Math.log(cube)) return d * cube;
  }
}

/**
 * A Dirichlet draw: gamma draws normalized to sum to 1. Larger concentrations stay closer to the mean
 * `concentrations[i] / sum(concentrations)`.
 */
export function drawDirichlet(concentrations: readonly number[], random: Random): number[] {
  const gammas = concentrations.map((concentration) => drawGamma(concentration, random));
  const total = gammas.reduce((sum, value) => sum + value, 0);
  // With tiny concentrations every gamma can underflow to 0; fall back to equal shares.
  if (total === 0) return gammas.map(() => 1 / gammas.length);
  return gammas.map((value) => value / total);
}

/**
 * Picks a key with probability proportional to its weight (weights >= 0, not all 0).
 * @example pickWeighted({ a: 1, b: 3 }, () => 0.1) // 'a'
 */
export function pickWeighted<Key extends string>(weights: Readonly<Record<Key, number>>, random: Random): Key {
  const entries = Object.entries(weights) as [Key, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = random() * total;
  for (const [key, weight] of entries) {
    remaining -= weight;
    if (remaining < 0) return key;
  }
  // Rounding can leave a sliver: return the last key with weight.
  return entries.filter(([, weight]) => weight > 0).at(-1)![0];
}

/** A shuffled copy of `items` (Fisher–Yates); the input is not changed. */
export function shuffle<Item>(items: readonly Item[], random: Random): Item[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}
