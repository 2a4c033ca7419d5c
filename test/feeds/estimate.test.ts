import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EEVP_UNCERTAINTY, outstandingFromShare, PRECINCTS_UNCERTAINTY } from '../../feeds/estimate/outstanding-from-share.ts';
import { DEFAULT_TURNOUT, outstandingFromRegistration } from '../../feeds/estimate/outstanding-from-registration.ts';
import { splitByType } from '../../feeds/estimate/split-by-type.ts';

describe('outstandingFromShare', () => {
  it('gives the JSDoc example: 6,000 counted at eevp 60', () => {
    expect(outstandingFromShare(6000, 0.6, EEVP_UNCERTAINTY)).toEqual({ expected: 4000, low: 2925, high: 5093 });
  });

  it('says a count at 100% is complete, and that a share of nothing counted says nothing', () => {
    expect(outstandingFromShare(6000, 1, EEVP_UNCERTAINTY)).toEqual({ expected: 0 });
    expect(outstandingFromShare(0, 0.4, EEVP_UNCERTAINTY)).toBeUndefined();
  });

  it('gives a finite, wide estimate when votes are counted but the share rounds to 0', () => {
    expect(outstandingFromShare(600, 0, EEVP_UNCERTAINTY)).toEqual({ expected: 119400, low: 53400, high: 131400 });
  });

  it('keeps 0 <= low <= expected <= high, whatever the count and share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.boolean(), (counted, share, eevp) => {
        const estimate = outstandingFromShare(counted, share, eevp ? EEVP_UNCERTAINTY : PRECINCTS_UNCERTAINTY);
        expect(estimate).toBeDefined();
        const { expected, low = -1, high = -1 } = estimate!;
        expect(0 <= low && low <= expected && expected <= high).toBe(true);
      }),
    );
  });
});

describe('outstandingFromRegistration', () => {
  it('never goes below 0 when more is counted than the turnout assumption expects', () => {
    expect(outstandingFromRegistration(3000, 4000, DEFAULT_TURNOUT)).toEqual({ expected: 0, low: 0, high: 400 });
  });
});

describe('splitByType', () => {
  it('gives the JSDoc example', () => {
    expect(splitByType({ expected: 10, low: 5, high: 20 }, { mail: 3, day: 1 })).toEqual({
      mail: { expected: 8, low: 3, high: 15 },
      day: { expected: 2, low: 1, high: 5 },
    });
  });

  it('splits equally when no type has counted votes', () => {
    expect(splitByType({ expected: 9 }, { mail: 0, day: 0, early: 0 })).toEqual({ mail: { expected: 3 }, day: { expected: 3 }, early: { expected: 3 } });
  });

  it('adds the types up to the unit exactly, each with low <= expected <= high', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        (expected, counts) => {
          const low = Math.floor(expected / 2);
          const high = expected * 2 + 1;
          const parts = Object.values(splitByType({ expected, low, high }, Object.fromEntries(counts.map((count, index) => [`t${index}`, count]))));
          expect(parts.reduce((sum, part) => sum + part.expected, 0)).toBe(expected);
          for (const part of parts) expect((part.low as number) <= part.expected && part.expected <= (part.high as number)).toBe(true);
        },
      ),
    );
  });
});
