/** Buckets of how a release's outstanding estimate compared with the votes that were in fact still out, in report order. */
export const ESTIMATE_ACCURACY_BUCKETS = ['under half', 'within 2x', 'over double', 'nothing left'] as const;

export type EstimateAccuracy = (typeof ESTIMATE_ACCURACY_BUCKETS)[number];

/**
 * Judges a release's estimate of outstanding votes in hindsight: its sum over units against the final
 * total minus the votes counted at the release. A diagnostic that reads the final count, so it groups
 * forecasts for the report and never feeds the model: it tells misses that come from the estimates apart
 * from misses of the model given the estimates.
 * @example estimateAccuracy(300, 100) // 'over double'
 */
export function estimateAccuracy(estimatedOutstanding: number, actualOutstanding: number): EstimateAccuracy {
  if (!(actualOutstanding > 0)) return 'nothing left';
  const ratio = estimatedOutstanding / actualOutstanding;
  if (ratio < 0.5) return 'under half';
  if (ratio <= 2) return 'within 2x';
  return 'over double';
}
