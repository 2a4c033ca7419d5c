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
export function outstandingSpread(outstanding: Outstanding, defaultLogSd: number, estimateErrorLogSd = 0): OutstandingSpread {
  const logCenter = Math.log1p(outstanding.expected);
  // A stated side is widened by the error of the statement itself, added in quadrature.
  const widen = (statedSd: number) => Math.hypot(statedSd, estimateErrorLogSd);
  const sdBelow = outstanding.low === undefined ? defaultLogSd : widen((logCenter - Math.log1p(outstanding.low)) / Z90);
  const sdAbove = outstanding.high === undefined ? defaultLogSd : widen((Math.log1p(outstanding.high) - logCenter) / Z90);
  return { logCenter, sdBelow, sdAbove };
}
