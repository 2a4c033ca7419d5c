import fc from 'fast-check';
import { mean, quantile, quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';
import { summarizeDistribution } from '../../../core/summaries/distribution-summary.ts';
import { roundShare, roundVotes } from '../../../core/summaries/rounding.ts';

const identity = (value: number) => value;

/** The linear ("type 7", numpy's default) quantile, written out: interpolate at (n − 1)·p of the sorted values. */
function type7(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

/**
 * summarizeDistribution as it was before it selected: the mean, then simple-statistics' quantileSorted on
 * a fully sorted copy, keyed and rounded the same way.
 */
function summaryBySorting(values: Float64Array, probabilities: readonly number[], round: (value: number) => number) {
  const sorted = Float64Array.from(values).sort() as unknown as number[];
  const summary: Record<string, number> = { mean: round(mean(values as unknown as number[])) };
  for (const p of probabilities) {
    summary[`p${String(Math.round(p * 100)).padStart(2, '0')}`] = round(quantileSorted(sorted, p));
  }
  return summary;
}

/** Sets of probabilities: the ones forecasts use, and any others in whole percents (0 and 1 included). */
const probabilitySets = fc.oneof(
  fc.constantFrom([0.05, 0.5, 0.95], [0.05, 0.25, 0.5, 0.75, 0.95]),
  fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 7 }).map((percents) => percents.map((percent) => percent / 100)),
);

/** Draws with many ties (small whole numbers), or any doubles but NaN (±0, ±Infinity and subnormals included). */
const drawArrays = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.array(fc.integer({ min: -3, max: 3 }), { minLength, maxLength, size: 'max' }),
    fc.array(fc.double({ noNaN: true }), { minLength, maxLength, size: 'max' }),
    fc.array(fc.oneof(fc.constantFrom(0, -0, 1.5, -1e6), fc.double({ noNaN: true, min: -1e9, max: 1e9 })), { minLength, maxLength, size: 'max' }),
  ).map((values) => Float64Array.from(values));

describe('summarizeDistribution, found by selection', () => {
  // `x + 0` turns -0 into 0 (as roundVotes and roundShare do): a selected zero may have either sign.
  const withoutSignedZero = (value: number) => value + 0;

  it('gives exactly the values of a full sort, for short draws (property)', () => {
    fc.assert(
      fc.property(drawArrays(1, 40), probabilitySets, (values, probabilities) => {
        expect(summarizeDistribution(values, probabilities, withoutSignedZero)).toEqual(summaryBySorting(values, probabilities, withoutSignedZero));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives exactly the values of a full sort past 600 draws, where Floyd-Rivest samples first (property)', () => {
    fc.assert(
      fc.property(drawArrays(601, 3000), probabilitySets, (values, probabilities) => {
        expect(summarizeDistribution(values, probabilities, withoutSignedZero)).toEqual(summaryBySorting(values, probabilities, withoutSignedZero));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same bytes as a full sort through the forecast rounders (property)', () => {
    fc.assert(
      fc.property(drawArrays(1, 200), probabilitySets, fc.constantFrom(roundVotes, roundShare), (values, probabilities, round) => {
        const selected = summarizeDistribution(values, probabilities, round);
        expect(JSON.stringify(selected)).toBe(JSON.stringify(summaryBySorting(values, probabilities, round)));
      }),
      { numRuns: 1000 },
    );
  });

  it('throws on no draws, as before', () => {
    expect(() => summarizeDistribution(new Float64Array(0), [0.5], identity)).toThrow('mean requires at least one data point');
  });
});

describe('summarizeDistribution', () => {
  it('gives the JSDoc example', () => {
    expect(summarizeDistribution(Float64Array.of(1, 2, 3, 4), [0.5], identity)).toEqual({ mean: 2.5, p50: 2.5 });
  });

  it('gives type-7 quantiles of known values, whatever the input order', () => {
    const values = Float64Array.of(7, 1, 10, 4, 2, 9, 3, 8, 6, 5);
    const summary = summarizeDistribution(values, [0.05, 0.25, 0.5, 0.75, 0.95], identity);
    expect(summary.mean).toBe(5.5);
    expect(summary.p05).toBeCloseTo(1.45, 12); // position 0.45 between 1 and 2
    expect(summary.p25).toBeCloseTo(3.25, 12);
    expect(summary.p50).toBeCloseTo(5.5, 12);
    expect(summary.p75).toBeCloseTo(7.75, 12);
    expect(summary.p95).toBeCloseTo(9.55, 12);
    expect(Object.keys(summary)).toEqual(['mean', 'p05', 'p25', 'p50', 'p75', 'p95']);
  });

  it('matches simple-statistics quantile on a plain array, and the written-out type-7 formula', () => {
    const stream = streamForBlock('quantiles', 'test', 0);
    const values = Array.from({ length: 1001 }, () => Math.expm1(stream.nextNormal()) * 1000);
    const probabilities = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];
    const summary = summarizeDistribution(Float64Array.from(values), probabilities, identity) as Record<string, number>;
    const keys = ['p00', 'p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99', 'p100'];
    probabilities.forEach((p, index) => {
      expect(summary[keys[index]]).toBe(quantile(values, p));
      expect(summary[keys[index]]).toBeCloseTo(type7(values, p), 9);
    });
    expect(summary.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
  });

  it('passes every entry through `round`', () => {
    const summary = summarizeDistribution(Float64Array.of(0.4, 1.2, 2.6, 3.9), [0.05, 0.5, 0.95], roundVotes);
    // Unrounded: mean 2.025, p05 0.52, p50 1.9, p95 3.705.
    expect(summary).toEqual({ mean: 2, p05: 1, p50: 2, p95: 4 });
  });

  it('gives every statistic equal to the value when all draws are the same', () => {
    const summary = summarizeDistribution(new Float64Array(50).fill(12.5), [0.05, 0.5, 0.95], identity);
    expect(summary).toEqual({ mean: 12.5, p05: 12.5, p50: 12.5, p95: 12.5 });
  });

  it('does not reorder its input', () => {
    const values = Float64Array.of(3, 1, 2);
    summarizeDistribution(values, [0.5], identity);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });
});
