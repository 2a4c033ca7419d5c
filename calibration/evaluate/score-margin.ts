import type { Margin } from '../../core/schemas/index.ts';
import type { RaceTruth } from '../generator/index.ts';

/** What the margin scoring reads from a forecast: the two candidates and the quantiles of the margin share. */
export interface MarginForecast {
  readonly margin: Pick<Margin, 'between' | 'share'>;
}

/**
 * Where the true margin fell among the forecast's quantiles: 0 below p05, 1 in [p05, p25), 2 in [p25, p50),
 * 3 in [p50, p75], 4 in (p75, p95], 5 above p95. A calibrated model puts 5, 20, 25, 25, 20 and 5% of
 * outcomes in the six bands.
 */
export type QuantileBand = 0 | 1 | 2 | 3 | 4 | 5;

/** One forecast's margin interval, scored against the final result. */
export interface MarginScore {
  /** Final share of `between[0]` minus final share of `between[1]`, as a fraction of all votes, in [-1, 1]. */
  readonly trueMargin: number;
  /** The true margin is inside [p25, p75], bounds included. */
  readonly in50: boolean;
  /** The true margin is inside [p05, p95], bounds included. */
  readonly in90: boolean;
  readonly band: QuantileBand;
  /** p95 − p05: the width of the 90% interval, in shares of all votes. */
  readonly width90: number;
  /** True margin minus the forecast median p50, in shares of all votes. */
  readonly error: number;
}

/**
 * Scores the forecast's interval for the final margin between its two leading candidates
 * (`margin.between`). The true margin is computed from the truth's final shares of the same two
 * candidates, in the same order, so it is negative when the forecast's second finished ahead.
 * @example scoreMargin({ margin: { between: ['a', 'b'], share: { mean: 0.1, p05: 0, p25: 0.05, p50: 0.1, p75: 0.15, p95: 0.2 } } },
 *   { finalShares: { a: 0.56, b: 0.44 } }) // { trueMargin: 0.12, in50: true, in90: true, band: 3, width90: 0.2, error: 0.02 } (up to rounding)
 */
export function scoreMargin(forecast: MarginForecast, truth: Pick<RaceTruth, 'finalShares'>): MarginScore {
  const [first, second] = forecast.margin.between;
  const trueMargin = truth.finalShares[first] - truth.finalShares[second];
  const { p05, p25, p50, p75, p95 } = forecast.margin.share;
  return {
    trueMargin,
    in50: p25 <= trueMargin && trueMargin <= p75,
    in90: p05 <= trueMargin && trueMargin <= p95,
    band: quantileBand(trueMargin, [p05, p25, p50, p75, p95]),
    width90: p95 - p05,
    error: trueMargin - p50,
  };
}

/** The band of `value` among ascending quantiles p05, p25, p50, p75, p95 (see `QuantileBand`). */
function quantileBand(value: number, [p05, p25, p50, p75, p95]: readonly number[]): QuantileBand {
  // Lower bands are half-open at the top and upper bands at the bottom, so that bands 2 and 3 are
  // exactly the 50% interval [p25, p75] and bands 1 to 4 exactly the 90% interval [p05, p95].
  if (value < p05) return 0;
  if (value < p25) return 1;
  if (value < p50) return 2;
  if (value <= p75) return 3;
  if (value <= p95) return 4;
  return 5;
}
