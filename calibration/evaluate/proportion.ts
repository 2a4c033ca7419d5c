/** A count out of a total, with its rate and the binomial standard error of that rate. */
export interface Proportion {
  readonly count: number;
  readonly total: number;
  /** count / total, in [0, 1]; NaN when the total is 0. */
  readonly rate: number;
  /** sqrt(rate × (1 − rate) / total): the Monte Carlo error of the rate; NaN when the total is 0. */
  readonly standardError: number;
}

/**
 * The rate of `count` in `total` with its binomial standard error, the error that comes from scoring a
 * finite number of forecasts. It assumes the `total` trials are independent.
 * @throws RangeError when the count is negative or above the total.
 * @example proportion(90, 100) // { count: 90, total: 100, rate: 0.9, standardError: 0.03 }
 */
export function proportion(count: number, total: number): Proportion {
  if (!(count >= 0 && count <= total)) throw new RangeError(`expected 0 <= count <= total, got ${count} of ${total}`);
  if (total === 0) return { count, total, rate: Number.NaN, standardError: Number.NaN };
  const rate = count / total;
  return { count, total, rate, standardError: Math.sqrt((rate * (1 - rate)) / total) };
}
