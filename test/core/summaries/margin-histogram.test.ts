import { describe, expect, it } from 'vitest';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';
import { marginHistogram } from '../../../core/summaries/margin-histogram.ts';
import { roundShare } from '../../../core/summaries/rounding.ts';

const identity = (value: number) => value;

describe('marginHistogram', () => {
  it('gives the JSDoc example', () => {
    expect(marginHistogram(Float64Array.of(0, 1, 1, 2), 2, identity)).toEqual({ binEdges: [0, 1, 2], counts: [1, 3] });
  });

  it('spans the minimum to the maximum in equal bins, and counts the maximum in the last bin', () => {
    const histogram = marginHistogram(Float64Array.of(-0.2, 0.1, 0.15, 0.2, 0.6), 4, identity);
    // Width 0.2: [-0.2, 0), [0, 0.2), [0.2, 0.4), [0.4, 0.6].
    histogram.binEdges.forEach((edge, index) => expect(edge).toBeCloseTo([-0.2, 0, 0.2, 0.4, 0.6][index], 12));
    expect(histogram.counts).toEqual([1, 2, 1, 1]);
  });

  it('puts each of many values in the bin whose edges hold it, with counts summing to n', () => {
    const stream = streamForBlock('histogram', 'test', 0);
    const values = Float64Array.from({ length: 5000 }, () => stream.nextNormal() * 0.03 + 0.02);
    const { binEdges, counts } = marginHistogram(values, 40, identity);
    expect(binEdges).toHaveLength(41);
    expect(counts).toHaveLength(40);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(binEdges[0]).toBe(Math.min(...values));
    expect(binEdges[40]).toBe(Math.max(...values));
    const width = (binEdges[40] - binEdges[0]) / 40;
    binEdges.forEach((edge, index) => expect(edge).toBeCloseTo(binEdges[0] + index * width, 12));
    // Bins are [low, high), except the last, which is [low, high].
    const inBin = (value: number, bin: number) =>
      value >= binEdges[bin] && (bin === 39 ? value <= binEdges[40] : value < binEdges[bin + 1]);
    const expected = counts.map((_, bin) => Array.from(values).filter((value) => inBin(value, bin)).length);
    expect(counts).toEqual(expected);
    expect(counts[39]).toBeGreaterThan(0); // the maximum is in the last bin
  });

  it('gives one zero-width bin holding every value when all values are the same', () => {
    expect(marginHistogram(new Float64Array(7).fill(0.25), 40, identity)).toEqual({ binEdges: [0.25, 0.25], counts: [7] });
    expect(marginHistogram(Float64Array.of(-0.1), 40, identity)).toEqual({ binEdges: [-0.1, -0.1], counts: [1] });
  });

  it('rounds the edges but keeps the counts exact', () => {
    const { binEdges, counts } = marginHistogram(Float64Array.of(0, 0.1234567, 1 / 3), 3, roundShare);
    expect(binEdges).toEqual([0, 0.111111, 0.222222, 0.333333]);
    expect(counts).toEqual([1, 1, 1]);
  });
});

describe('a spread narrower than the rounding', () => {
  it('is one bin holding every draw, not many bins with equal edges', () => {
    const values = Float64Array.from({ length: 100 }, (_, index) => 0.1 + index * 1e-9);
    const histogram = marginHistogram(values, 40, roundShare);
    expect(histogram).toEqual({ binEdges: [0.1, 0.1], counts: [100] });
  });
});
