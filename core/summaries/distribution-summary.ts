import { mean, quantileSorted } from 'simple-statistics';

/** simple-statistics reads its arguments by index only, so a typed array serves as its `number[]`. */
const asNumbers = (values: Float64Array) => values as unknown as number[];

/**
 * The mean and the requested quantiles (simple-statistics' linear "type 7" method, as numpy's default)
 * of a set of draws, each passed through `round`. Keys are `p05`, `p50`, ... for 0.05, 0.5, ...
 * @example summarizeDistribution(Float64Array.of(1, 2, 3, 4), [0.5], (x) => x) // { mean: 2.5, p50: 2.5 }
 */
export function summarizeDistribution<P extends number>(
  values: Float64Array,
  probabilities: readonly P[],
  round: (value: number) => number,
): Record<'mean' | `p${string}`, number> {
  const sorted = Float64Array.from(values).sort();
  const summary: Record<string, number> = { mean: round(mean(asNumbers(values))) };
  for (const probability of probabilities) {
    summary[quantileKey(probability)] = round(quantileSorted(asNumbers(sorted), probability));
  }
  return summary;
}

/** 0.05 → 'p05', 0.5 → 'p50', 0.95 → 'p95'. */
function quantileKey(probability: number): string {
  return `p${String(Math.round(probability * 100)).padStart(2, '0')}`;
}
