import { describe, expect, it } from 'vitest';
import { formatPercent, formatSignedPoints, formatSignedVotes } from '../../../core/summaries/number-format.ts';

describe('number formats', () => {
  it('signs points, and gives a margin that rounds to nothing no sign at all', () => {
    expect(formatSignedPoints(0.0123)).toBe('+1.2');
    expect(formatSignedPoints(-0.05)).toBe('−5.0');
    expect(formatSignedPoints(-0.0004)).toBe('0.0');
    expect(formatSignedPoints(0.0004)).toBe('0.0');
    expect(formatSignedPoints(-0.0005)).toBe('−0.1');
  });

  it('signs votes with a true minus sign', () => {
    expect(formatSignedVotes(1234)).toBe('+1,234');
    expect(formatSignedVotes(-56)).toBe('−56');
  });

  it('never shows a probability that is not 0 or 1 as 0% or 100%', () => {
    expect(formatPercent(0.0001)).toBe('<0.1%');
    expect(formatPercent(0.9999)).toBe('>99.9%');
    expect(formatPercent(0.5)).toBe('50.0%');
  });
});
