import { mean, quantile } from 'simple-statistics';

/** simple-statistics reads its arguments by index only, so a typed array serves as its `number[]`. */
const asNumbers = (values: Float64Array) => values as unknown as number[];

/**
 * The mean and the requested quantiles (simple-statistics' linear "type 7" method, as numpy's default)
 * of a set of draws, each passed through `round`. Keys are `p05`, `p50`, ... for 0.05, 0.5, ...
 *
 * The quantiles are found by selection, not by sorting: simple-statistics' `quantile` with a list of
 * probabilities copies the draws (`slice`, so the input is left as it is) and moves just the order
 * statistics it needs (floor and ceiling of (n − 1)·p for each p) into their sorted places with
 * Floyd–Rivest selection, in O(n) on average; then `quantileSorted` interpolates between them exactly as
 * on a fully sorted copy. A forecast of 20,000 draws finds its seven sets of quantiles several times
 * faster than by seven full sorts. (Only the sign of a zero can differ from the sorted copy's, and
 * `round` makes both 0.)
 * https://en.wikipedia.org/wiki/Floyd%E2%80%93Rivest_algorithm
 * @throws Error when there are no draws (simple-statistics: "mean requires at least one data point").
 * @example summarizeDistribution(Float64Array.of(1, 2, 3, 4), [0.5], (x) => x) // { mean: 2.5, p50: 2.5 }
 */
export function summarizeDistribution<P extends number>(
  values: Float64Array,
  probabilities: readonly P[],
  round: (value: number) => number,
): Record<'mean' | `p${string}`, number> {
  const summary: Record<string, number> = { mean: round(mean(asNumbers(values))) };
  const quantiles = quantile(asNumbers(values), probabilities);
  probabilities.forEach((probability, index) => {
    summary[quantileKey(probability)] = round(quantiles[index]);
  });
  return summary;
}

/** 0.05 → 'p05', 0.5 → 'p50', 0.95 → 'p95'. */
function quantileKey(probability: number): string {
  return `p${String(Math.round(probability * 100)).padStart(2, '0')}`;
}
