import { median } from 'simple-statistics';
import { proportion, type Proportion } from './proportion.ts';
import type { MarginScore } from './score-margin.ts';

/** How often the margin intervals held the final margin, and where the misses fell. */
export interface CoverageSummary {
  readonly forecasts: number;
  /** Share of true margins inside the 50% interval [p25, p75]; a calibrated model gives 0.5. */
  readonly in50: Proportion;
  /** Share of true margins inside the 90% interval [p05, p95]; a calibrated model gives 0.9. */
  readonly in90: Proportion;
  /**
   * Share of true margins in each quantile band (see `QuantileBand`): below p05, p05–p25, p25–p50,
   * p50–p75, p75–p95, above p95. Calibrated: 0.05, 0.2, 0.25, 0.25, 0.2, 0.05.
   */
  readonly bands: readonly Proportion[];
  /** Median width p95 − p05 of the 90% intervals, in shares of all votes; NaN for none. */
  readonly medianWidth90: number;
  /** Median |true margin − p50|, in shares of all votes; NaN for none. */
  readonly medianAbsoluteError: number;
}

/** The expected share of outcomes in each quantile band for a calibrated forecaster. */
export const CALIBRATED_BANDS = [0.05, 0.2, 0.25, 0.25, 0.2, 0.05] as const;

/**
 * Coverage of the 50% and 90% margin intervals over many forecasts, with binomial standard errors.
 * @example summarizeCoverage(scores).in90.rate // 0.9 when 9 in 10 true margins fell in [p05, p95]
 */
export function summarizeCoverage(scores: readonly MarginScore[]): CoverageSummary {
  const total = scores.length;
  const bandCounts = [0, 0, 0, 0, 0, 0];
  for (const score of scores) bandCounts[score.band] += 1;
  return {
    forecasts: total,
    in50: proportion(scores.filter((score) => score.in50).length, total),
    in90: proportion(scores.filter((score) => score.in90).length, total),
    bands: bandCounts.map((count) => proportion(count, total)),
    medianWidth90: total === 0 ? Number.NaN : median(scores.map((score) => score.width90)),
    medianAbsoluteError: total === 0 ? Number.NaN : median(scores.map((score) => Math.abs(score.error))),
  };
}
