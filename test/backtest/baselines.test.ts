import { describe, expect, it } from 'vitest';
import { countedSplit, fixedSwing, normalCdf } from '../../backtest/score/baselines.ts';

const totals = (counted: Record<string, number>, outstandingExpected: number) => ({
  counted,
  countedTotal: Object.values(counted).reduce((sum, votes) => sum + votes, 0),
  outstandingExpected,
});

describe('countedSplit', () => {
  it("gives each candidate its share of the counted votes", () => {
    expect(countedSplit(totals({ a: 600, b: 300, c: 100 }, 5000))).toEqual({ a: 0.6, b: 0.3, c: 0.1 });
  });

  it('gives 1/k each when nothing is counted', () => {
    expect(countedSplit(totals({ a: 0, b: 0 }, 100))).toEqual({ a: 0.5, b: 0.5 });
  });
});

describe('fixedSwing', () => {
  it('is Φ(projected margin / (0.1 × outstanding)) for the first of the pair', () => {
    // Counted margin 100 of 1,000; 1,000 outstanding split alike add 100: projected 200, sd 0.1 × 1,000 = 100.
    const result = fixedSwing(totals({ a: 550, b: 450 }, 1000), ['a', 'b']);

    expect(result.a).toBeCloseTo(0.97725, 5);
    expect(result.b).toBeCloseTo(0.02275, 5);
  });

  it('counts third candidates in the counted total and gives them 0', () => {
    // Margin 100 × (1 + 2,000 / 1,000) = 300 against sd 0.1 × 2,000 = 200: Φ(1.5).
    const result = fixedSwing(totals({ a: 500, b: 400, c: 100 }, 2000), ['a', 'b']);

    expect(result.a).toBeCloseTo(0.93319, 5);
    expect(result.c).toBe(0);
  });

  it('lets the count decide when nothing is outstanding, 1/2 on a tie', () => {
    expect(fixedSwing(totals({ a: 100, b: 200 }, 0), ['b', 'a'])).toEqual({ a: 0, b: 1 });
    expect(fixedSwing(totals({ a: 100, b: 100 }, 0), ['a', 'b'])).toEqual({ a: 0.5, b: 0.5 });
  });

  it('is a coin toss when nothing is counted yet', () => {
    expect(fixedSwing(totals({ a: 0, b: 0 }, 500), ['a', 'b']).a).toBeCloseTo(0.5, 6);
  });
});

describe('normalCdf', () => {
  it('matches known values of the standard normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.6448536)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-2.3263479)).toBeCloseTo(0.01, 6);
  });
});
