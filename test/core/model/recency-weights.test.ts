import { describe, expect, it } from 'vitest';
import { recencyWeights } from '../../../core/model/recency-weights.ts';

describe('recencyWeights', () => {
  it('halves a batch of the same size for every half-life back (the JSDoc example)', () => {
    expect(Array.from(recencyWeights([100, 100, 100], 1))).toEqual([25, 50, 100]);
  });

  it('multiplies each batch size by 2^(−age / halfLife), the newest batch having age 0', () => {
    const weights = recencyWeights([400, 10, 300], 2);
    expect(weights[0]).toBeCloseTo(400 * 2 ** -1, 12);
    expect(weights[1]).toBeCloseTo(10 * 2 ** -0.5, 12);
    expect(weights[2]).toBe(300);
  });

  it('gives no weights for no batches', () => {
    expect(recencyWeights([], 2)).toHaveLength(0);
  });
});
