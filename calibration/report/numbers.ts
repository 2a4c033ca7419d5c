/** A probability or share as a percentage: 0.9123 → '91.2%'; NaN (nothing to measure) → '—'. */
export function percent(value: number, digits = 1): string {
  return Number.isNaN(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A share as points with a sign: 0.0123 → '+1.2'; NaN → '—'. */
export function signedPoints(value: number, digits = 1): string {
  if (Number.isNaN(value)) return '—';
  const points = (value * 100).toFixed(digits);
  return value >= 0 ? `+${points}` : points;
}

/** A share as points: 0.0123 → '1.2'; NaN → '—'. */
export function points(value: number, digits = 1): string {
  return Number.isNaN(value) ? '—' : (value * 100).toFixed(digits);
}

/** A rate with its standard error: '90.1% ± 0.9'. */
export function withError(rate: number, standardError: number, digits = 1): string {
  return Number.isNaN(rate) ? '—' : `${percent(rate, digits)} ± ${points(standardError, digits)}`;
}

/** A plain number with fixed decimals, or '—' for NaN. */
export function decimal(value: number, digits = 4): string {
  return Number.isNaN(value) ? '—' : value.toFixed(digits);
}
