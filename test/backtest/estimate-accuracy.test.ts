import { describe, expect, it } from 'vitest';
import { estimateAccuracy } from '../../backtest/score/estimate-accuracy.ts';

describe('estimateAccuracy', () => {
  it('buckets the estimate against the votes in fact still out, bounds of 2x inclusive', () => {
    expect(estimateAccuracy(49, 100)).toBe('under half');
    expect(estimateAccuracy(50, 100)).toBe('within 2x');
    expect(estimateAccuracy(200, 100)).toBe('within 2x');
    expect(estimateAccuracy(201, 100)).toBe('over double');
  });

  it('says nothing was left when the count was already final, whatever the estimate', () => {
    expect(estimateAccuracy(0, 0)).toBe('nothing left');
    expect(estimateAccuracy(500, 0)).toBe('nothing left');
    expect(estimateAccuracy(500, -3)).toBe('nothing left');
  });
});
