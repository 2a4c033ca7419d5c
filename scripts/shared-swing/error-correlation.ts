/**
 * How correlated the standardized errors of races at one moment are: the pooled intraclass correlation.
 * For each moment (group) g of n_g races with errors z_i (one value per race, or one per draw),
 *
 *   ρ = Σ_g Σ_{i≠j} z_i·z_j / Σ_g (n_g − 1)·Σ_i z_i²
 *
 * the mean product of two different races' errors over the mean square of one race's error. It is the
 * correlation of exchangeable errors with mean 0, whatever their common scale, so a model whose ranges are a
 * little too wide or too narrow still gives the right ρ. Σ_{i≠j} z_i·z_j = (Σ z_i)² − Σ z_i².
 */

/** Running sums of the errors of one moment's races: per draw (k), Σ_i z_ik and Σ_i z_ik². */
export interface MomentSums {
  races: number;
  readonly sum: Float64Array;
  readonly sumSquares: Float64Array;
}

/** Empty sums for errors of `width` values per race (1 for the observed error, the draws for the model's). */
export function emptyMoment(width: number): MomentSums {
  return { races: 0, sum: new Float64Array(width), sumSquares: new Float64Array(width) };
}

/** Adds one race's errors (one per draw, or a single observed one) to its moment's sums. */
export function addRaceErrors(moment: MomentSums, errors: Float64Array): void {
  moment.races++;
  for (let k = 0; k < errors.length; k++) {
    moment.sum[k] += errors[k];
    moment.sumSquares[k] += errors[k] * errors[k];
  }
}

/** The numerator and denominator of ρ over some moments; moments of one race add nothing. */
export function correlationTerms(moments: Iterable<MomentSums>): { crossProducts: number; squares: number; pairs: number } {
  let crossProducts = 0;
  let squares = 0;
  let pairs = 0;
  for (const moment of moments) {
    if (moment.races < 2) continue;
    pairs += (moment.races * (moment.races - 1)) / 2;
    for (let k = 0; k < moment.sum.length; k++) {
      crossProducts += moment.sum[k] * moment.sum[k] - moment.sumSquares[k];
      squares += (moment.races - 1) * moment.sumSquares[k];
    }
  }
  return { crossProducts, squares, pairs };
}

/**
 * The pooled correlation ρ of the moments' errors; NaN when no moment has two races.
 * @example pooledCorrelation([{ races: 2, sum: Float64Array.of(2), sumSquares: Float64Array.of(2) }]) // 1 (errors 1 and 1)
 */
export function pooledCorrelation(moments: Iterable<MomentSums>): number {
  const { crossProducts, squares } = correlationTerms(moments);
  return squares > 0 ? crossProducts / squares : Number.NaN;
}

/** A standardized error kept within ±limit, so that one wild miss (heavy tails) cannot decide ρ alone. */
export const winsorize = (value: number, limit = 3): number => Math.max(-limit, Math.min(limit, value));
