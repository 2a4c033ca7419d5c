import { describe, expect, it } from 'vitest';
import { roundShare, roundVotes } from '../../../core/summaries/rounding.ts';

describe('roundVotes', () => {
  it('rounds to whole votes, halves upwards', () => {
    expect(roundVotes(1234.4)).toBe(1234);
    expect(roundVotes(1234.5)).toBe(1235);
    expect(roundVotes(-2.5)).toBe(-2);
    expect(roundVotes(-2.6)).toBe(-3);
  });

  it('turns -0 into 0, so that the output bytes do not depend on the sign of zero', () => {
    expect(Object.is(roundVotes(-0), 0)).toBe(true);
    expect(Object.is(roundVotes(-0.4), 0)).toBe(true);
    expect(JSON.stringify(roundVotes(-0.4))).toBe('0');
  });
});

describe('roundShare', () => {
  it('rounds to six decimals', () => {
    expect(roundShare(0.12345649)).toBe(0.123456);
    expect(roundShare(0.1234566)).toBe(0.123457);
    expect(roundShare(1 / 3)).toBe(0.333333);
    expect(roundShare(-0.9999996)).toBe(-1);
    expect(roundShare(1)).toBe(1);
  });

  it('turns -0 into 0', () => {
    expect(Object.is(roundShare(-0), 0)).toBe(true);
    expect(Object.is(roundShare(-4e-7), 0)).toBe(true);
  });
});
