import { equalIntervalBreaks } from 'simple-statistics';

/** Equal-width histogram of the draws; the last bin includes its upper edge. */
export interface Histogram {
  readonly binEdges: number[];
  readonly counts: number[];
}

/**
 * Bins values into `binCount` equal-width bins spanning their minimum to their maximum
 * (simple-statistics' equal-interval breaks). Edges are passed through `round`; counts are exact. When
 * every value is the same there is one bin of zero width.
 * @example marginHistogram(Float64Array.of(0, 1, 1, 2), 2, (x) => x) // { binEdges: [0, 1, 2], counts: [1, 3] }
 */
export function marginHistogram(values: Float64Array, binCount: number, round: (value: number) => number): Histogram {
  // simple-statistics reads its argument by index only, so a typed array serves as its `number[]`.
  const edges = equalIntervalBreaks(values as unknown as number[], binCount);
  const lowest = edges[0];
  const highest = edges[edges.length - 1];
  // A spread too narrow to survive rounding is one bin, rather than many bins with equal edges.
  if (!(round(highest) > round(lowest))) return { binEdges: [round(lowest), round(highest)], counts: [values.length] };
  const width = (highest - lowest) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (let index = 0; index < values.length; index++) counts[Math.min(binCount - 1, Math.floor((values[index] - lowest) / width))]++;
  return { binEdges: edges.map(round), counts };
}
