/** One release's race-wide totals: votes counted so far and the office's estimate of votes still out. */
export interface ReleaseTotals {
  readonly counted: number;
  readonly estimated: number;
}

/** How the outstanding estimates are corrected by their own track record. */
export interface TrackRecordSettings {
  /** Votes counted since the first release, as a share of its estimate, at which the record weighs half. */
  readonly span: number;
  /** Largest factor of correction either way. */
  readonly maxFactor: number;
}

/**
 * The factor by which the office's current estimates of outstanding votes should be multiplied, judged by
 * how earlier estimates fared. If estimates run at a fraction b of the truth, the implied final total
 * (counted + estimated) rises by (1 − b) for every vote counted, so b = 1 − the least-squares slope of
 * implied total on counted votes across releases, and the correction is 1 / b. Its logarithm is capped at
 * ±log(maxFactor) and shrunk toward 0 by weight λ / (λ + span), with λ the votes counted since the first
 * release over that release's estimate: a short record says little.
 * @example volumeCorrection([{ counted: 0, estimated: 100 }, { counted: 60, estimated: 60 }], { span: 0.5, maxFactor: 2 }) // ≈ 1.25
 */
export function volumeCorrection(history: readonly ReleaseTotals[], settings: TrackRecordSettings): number {
  if (history.length < 2) return 1;
  const first = history[0];
  const current = history[history.length - 1];
  const countedSince = current.counted - first.counted;
  if (!(countedSince > 0) || !(first.estimated > 0)) return 1;
  const estimateRatio = 1 - impliedTotalSlope(history);
  const maxLog = Math.log(settings.maxFactor);
  // A ratio at or below 0 means the estimate never fell however much was counted: the cap applies.
  const logCorrection = estimateRatio > 0 ? Math.min(maxLog, Math.max(-maxLog, -Math.log(estimateRatio))) : maxLog;
  const lever = countedSince / first.estimated;
  return Math.exp((lever / (lever + settings.span)) * logCorrection);
}

/** Least-squares slope of (counted + estimated) on counted, over the releases. */
function impliedTotalSlope(history: readonly ReleaseTotals[]): number {
  const meanCounted = history.reduce((sum, release) => sum + release.counted, 0) / history.length;
  const meanTotal = history.reduce((sum, release) => sum + release.counted + release.estimated, 0) / history.length;
  let covariance = 0;
  let variance = 0;
  for (const release of history) {
    const dx = release.counted - meanCounted;
    covariance += dx * (release.counted + release.estimated - meanTotal);
    variance += dx * dx;
  }
  return covariance / variance;
}
