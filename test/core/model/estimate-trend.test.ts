import { describe, expect, it } from 'vitest';
import { estimateTrend } from '../../../core/model/estimate-trend.ts';
import type { PositionedBatch } from '../../../core/model/positioned-batches.ts';

/** A batch of one log-ratio dimension at `midpoint` of its unit's count, covering `length` of it. */
function batch(ratio: number, midpoint: number, length = 0.1): PositionedBatch {
  return { ratios: Float64Array.of(ratio), size: length * 1000, midpoint, start: midpoint - length / 2, end: midpoint + length / 2 };
}

const equal = (count: number) => new Float64Array(count).fill(1);

describe('estimateTrend', () => {
  it('carries the slope from the batches to the middle of the rest of the count', () => {
    // Slope 1 per unit of count; batches centred at 0.2; the rest of the count, 0.4 to 1, is centred at 0.7.
    // The recent level stands 0 from the level of all batches (equal weights), so no cap: capMultiple ∞.
    const shift = estimateTrend([batch(0, 0.1), batch(0.2, 0.3)], equal(2), 0.4, 0, Infinity);
    expect(shift[0]).toBeCloseTo(0.5, 12);
  });

  it('caps the shift at capMultiple times how far the recent level stands from all batches (the JSDoc example)', () => {
    // Weights 1 and 3: recent level 0.15, level of all batches 0.1; slope 1 from 0.25 to 0.7 would give 0.45.
    const batches = [batch(0, 0.1), batch(0.2, 0.3)];
    expect(estimateTrend(batches, Float64Array.of(1, 3), 0.4, 0)[0]).toBeCloseTo(0.05, 12);
    expect(estimateTrend(batches, Float64Array.of(1, 3), 0.4, 0, 2)[0]).toBeCloseTo(0.1, 12);
    expect(estimateTrend(batches, Float64Array.of(1, 3), 0.4, 0, 100)[0]).toBeCloseTo(0.45, 12);
  });

  it('does not carry on a step already taken without end', () => {
    // One big early batch, then three small ones far away and flat: the line through them is steep.
    const batches = [batch(-1.8, 0.15, 0.3), batch(2.1, 0.32, 0.04), batch(2.1, 0.37, 0.04), batch(2.1, 0.42, 0.04)];
    const weights = Float64Array.of(0.35 * 300, 40, 57, 80);
    const uncapped = estimateTrend(batches, weights, 0.46, 0.1, Infinity)[0];
    const capped = estimateTrend(batches, weights, 0.46, 0.1, 2)[0];
    const recent = batches.reduce((sum, one, index) => sum + weights[index] * one.ratios[0], 0) / weights.reduce((a, b) => a + b, 0);
    const all = batches.reduce((sum, one) => sum + one.size * one.ratios[0], 0) / batches.reduce((sum, one) => sum + one.size, 0);
    expect(uncapped).toBeGreaterThan(3);
    expect(capped).toBeCloseTo(2 * Math.abs(recent - all), 12);
    expect(capped).toBeLessThan(uncapped);
  });

  it('shrinks the slope by v / (v + priorSpan²), v the weighted variance of the positions', () => {
    // Positions 0.1 and 0.3: v = 0.01. With priorSpan 0.1 the slope is halved.
    const shift = estimateTrend([batch(0, 0.1), batch(0.2, 0.3)], equal(2), 0.4, 0.1, Infinity);
    expect(shift[0]).toBeCloseTo(0.25, 12);
  });

  it('follows the weights: a line through the heavier batches', () => {
    // The first batch carries almost no weight, so the slope is the last two batches' (0 per unit of count).
    const shift = estimateTrend([batch(-1, 0.1), batch(0.5, 0.3), batch(0.5, 0.5)], Float64Array.of(1e-9, 1, 1), 0.6, 0, Infinity);
    expect(shift[0]).toBeCloseTo(0, 6);
  });

  it('moves each log-ratio dimension by its own slope', () => {
    const batches = [0.1, 0.3, 0.5].map((midpoint) => ({ ...batch(0, midpoint), ratios: Float64Array.of(midpoint, -2 * midpoint) }));
    const shift = estimateTrend(batches, equal(3), 0.6, 0, Infinity);
    // Mean position 0.3; the rest of the count, 0.6 to 1, is centred at 0.8: 0.5 of count ahead.
    expect(Array.from(shift).map((value) => Number(value.toFixed(12)))).toEqual([0.5, -1]);
  });

  it('gives no shift with a single batch, with batches all at one point, or when the unit is done', () => {
    expect(Array.from(estimateTrend([batch(0.3, 0.2)], equal(1), 0.4, 0.1))).toEqual([0]);
    expect(Array.from(estimateTrend([batch(0, 0.2), batch(1, 0.2)], equal(2), 0.4, 0.1))).toEqual([0]);
    expect(Array.from(estimateTrend([batch(0, 0.1), batch(0.2, 0.3)], equal(2), 1, 0.1))).toEqual([0]);
  });

  it('gives no shift when the batches are steady', () => {
    const shift = estimateTrend([batch(0.4, 0.1), batch(0.4, 0.3), batch(0.4, 0.5)], equal(3), 0.6, 0.1);
    expect(shift[0]).toBeCloseTo(0, 14);
  });
});
