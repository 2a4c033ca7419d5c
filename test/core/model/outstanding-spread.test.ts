import { quantile } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { outstandingSpread, type OutstandingSpread } from '../../../core/model/outstanding-spread.ts';
import { Z90 } from '../../../core/model/parameters.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

/** The split-normal transform the model draws through: a standard normal z to outstanding votes. */
const votesAt = (spread: OutstandingSpread, z: number) =>
  Math.expm1(spread.logCenter + (z < 0 ? spread.sdBelow : spread.sdAbove) * z);

describe('outstandingSpread', () => {
  it('puts the median at the expected votes', () => {
    const spread = outstandingSpread({ expected: 330000, low: 250000, high: 410000 }, 0.3);
    expect(spread.logCenter).toBe(Math.log1p(330000));
    expect(votesAt(spread, 0)).toBeCloseTo(330000, 6);
  });

  it('puts the 5th and 95th percentiles at low and high', () => {
    const spread = outstandingSpread({ expected: 100, low: 50, high: 200 }, 0.3);
    expect(votesAt(spread, -Z90)).toBeCloseTo(50, 10);
    expect(votesAt(spread, Z90)).toBeCloseTo(200, 10);
    expect(spread.sdBelow).toBeCloseTo(Math.log(101 / 51) / Z90, 14);
    expect(spread.sdAbove).toBeCloseTo(Math.log(201 / 101) / Z90, 14);
    expect(spread.sdAbove).toBeCloseTo(0.41838640225591, 12);
  });

  it('gives draws whose 5th, 50th and 95th percentiles are low, expected and high (200,000 seeded draws)', () => {
    const outstanding = { expected: 2000, low: 1500, high: 2600 };
    const spread = outstandingSpread(outstanding, 0.3);
    const stream = streamForBlock('spread', 'test', 0);
    const draws = 200_000;
    const votes = Array.from({ length: draws }, () => votesAt(spread, stream.nextNormal()));
    // Standard error of a sample p-quantile, in z units: sqrt(p(1 − p) / n) / φ(z_p); on the vote scale it
    // is multiplied by d votes / dz = (1 + votes) · sd. Allow four standard errors.
    const density = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const tolerance = (p: number, z: number, value: number, sd: number) =>
      (4 * Math.sqrt((p * (1 - p)) / draws) / density(z)) * (1 + value) * sd;
    const checks = [
      [0.05, -Z90, outstanding.low, spread.sdBelow],
      [0.5, 0, outstanding.expected, Math.max(spread.sdBelow, spread.sdAbove)],
      [0.95, Z90, outstanding.high, spread.sdAbove],
    ] as const;
    for (const [p, z, target, sd] of checks) {
      const tol = tolerance(p, z, target, sd);
      expect(tol).toBeLessThan(0.01 * target); // the check is tight: within 1% of the target
      expect(Math.abs(quantile(votes, p) - target)).toBeLessThan(tol);
    }
  });

  it('uses the default sd on a side without a bound', () => {
    expect(outstandingSpread({ expected: 100 }, 0.3)).toEqual({ logCenter: Math.log1p(100), sdBelow: 0.3, sdAbove: 0.3 });
    const onlyLow = outstandingSpread({ expected: 100, low: 50 }, 0.25);
    expect(onlyLow.sdBelow).toBeCloseTo(Math.log(101 / 51) / Z90, 14);
    expect(onlyLow.sdAbove).toBe(0.25);
    const onlyHigh = outstandingSpread({ expected: 100, high: 200 }, 0.25);
    expect(onlyHigh.sdBelow).toBe(0.25);
    expect(onlyHigh.sdAbove).toBeCloseTo(Math.log(201 / 101) / Z90, 14);
  });

  it('widens each stated side by estimateErrorLogSd in quadrature, and leaves a side without a bound alone', () => {
    const spread = outstandingSpread({ expected: 100, low: 50 }, 0.3, 0.1);
    expect(spread.sdBelow).toBeCloseTo(Math.hypot(Math.log(101 / 51) / Z90, 0.1), 14);
    expect(spread.sdAbove).toBe(0.3);
    // So the stated low is no longer the 5th percentile, but further in: the range is wider than stated.
    expect(votesAt(spread, -Z90)).toBeLessThan(50);
    const point = outstandingSpread({ expected: 100, low: 100, high: 100 }, 0.3, 0.1);
    expect([point.sdBelow, point.sdAbove]).toEqual([0.1, 0.1]);
  });

  it('keeps a low of 0 finite, with the 5th percentile at 0 votes', () => {
    const spread = outstandingSpread({ expected: 100, low: 0, high: 150 }, 0.3);
    expect(spread.sdBelow).toBeCloseTo(Math.log(101) / Z90, 14);
    expect(Number.isFinite(spread.sdBelow)).toBe(true);
    expect(votesAt(spread, -Z90)).toBeCloseTo(0, 12);
  });

  it('has no spread on a side whose bound equals the expected votes, without an estimate error', () => {
    const spread = outstandingSpread({ expected: 100, low: 100, high: 100 }, 0.3);
    expect(spread.sdBelow).toBe(0);
    expect(spread.sdAbove).toBe(0);
  });
});
