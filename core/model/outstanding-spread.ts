import { Z90 } from './parameters.ts';
import type { Outstanding } from '../schemas/count-file.ts';

/** Where and how widely a unit's outstanding votes are drawn, on the log(1 + votes) scale. */
export interface OutstandingSpread {
  readonly logCenter: number;
  readonly sdBelow: number;
  readonly sdAbove: number;
}

/**
 * A split normal on log(1 + votes): its median is `expected`, and its 5th and 95th percentiles are `low`
 * and `high` (each side with its own sd, widened by `estimateErrorLogSd`). A side without a bound uses
 * `defaultLogSd`. The log scale makes
 * errors multiplicative, as errors in official estimates are, and log(1 + ·) keeps a low of 0 finite.
 * @example outstandingSpread({ expected: 100, low: 50, high: 200 }, 0.3).sdAbove // ≈ 0.4184
 */
export function outstandingSpread(
  outstanding: Outstanding,
  defaultLogSd: number,
  estimateErrorLogSd = 0,
  remainderLogSd = 0,
): OutstandingSpread {
  const logCenter = Math.log1p(outstanding.expected);
  // A stated side is widened by the error of the statement itself; every side by the remainder's own
  // error (see remainderLogSd); both added in quadrature.
  const widen = (statedSd: number) => Math.hypot(statedSd, estimateErrorLogSd, remainderLogSd);
  const sdBelow = outstanding.low === undefined ? Math.hypot(defaultLogSd, remainderLogSd) : widen((logCenter - Math.log1p(outstanding.low)) / Z90);
  const sdAbove = outstanding.high === undefined ? Math.hypot(defaultLogSd, remainderLogSd) : widen((Math.log1p(outstanding.high) - logCenter) / Z90);
  return { logCenter, sdBelow, sdAbove };
}

/**
 * Log-scale sd of an estimate's miss that does not shrink with the remainder: real estimates miss by a
 * share `errorShare` of a unit's expected final votes, so a remainder that is a share R of them misses by
 * errorShare / R of itself: log(1 + errorShare / R), capped at `maxLogSd`.
 * @example remainderLogSd(0.02, 0.1, 1) // log(1.2) ≈ 0.1823
 */
export function remainderLogSd(errorShare: number, remainingShare: number, maxLogSd: number): number {
  if (!(errorShare > 0) || !(remainingShare > 0)) return 0;
  return Math.min(maxLogSd, Math.log1p(errorShare / remainingShare));
}

/** An outstanding estimate with its expected value and range multiplied by `factor`. */
export function scaledOutstanding(outstanding: Outstanding, factor: number): Outstanding {
  const scale = (votes: number | undefined) => (votes === undefined ? undefined : votes * factor);
  return { ...outstanding, expected: outstanding.expected * factor, low: scale(outstanding.low), high: scale(outstanding.high) };
}
