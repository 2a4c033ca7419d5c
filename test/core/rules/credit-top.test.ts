import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditTop } from '../../../core/rules/credit-top.ts';

/** The credit one draw gives, starting from zero. */
function creditOf(votes: readonly number[], places: number): number[] {
  const credit = new Float64Array(votes.length);
  creditTop(votes, 0, places, credit, new Float64Array(votes.length));
  return Array.from(credit);
}

describe('creditTop', () => {
  it('credits the single leader with first place', () => {
    expect(creditOf([5, 9, 7], 1)).toEqual([0, 1, 0]);
  });

  it('credits the top two with a place each', () => {
    expect(creditOf([5, 9, 7], 2)).toEqual([0, 1, 1]);
    expect(creditOf([9, 1, 5, 7], 2)).toEqual([1, 0, 0, 1]);
  });

  it('splits first place evenly among tied leaders (the JSDoc example)', () => {
    expect(creditOf([5, 9, 9], 1)).toEqual([0, 0.5, 0.5]);
    expect(creditOf([4, 4, 4, 4], 1)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('splits the places left at the boundary among the candidates tied there', () => {
    expect(creditOf([9, 5, 5, 1], 2)).toEqual([1, 0.5, 0.5, 0]);
    const threeWay = creditOf([5, 5, 5], 2);
    threeWay.forEach((value) => expect(value).toBeCloseTo(2 / 3, 15));
    expect(creditOf([9, 9, 1], 2)).toEqual([1, 1, 0]); // tied, but both fit
  });

  it('reads the draw at `offset` and adds to the credit it is given', () => {
    const votes = Float64Array.of(9, 1, 1, /* draw 1: */ 1, 2, 3);
    const credit = Float64Array.of(10, 20, 30);
    creditTop(votes, 3, 1, credit, new Float64Array(3));
    expect(Array.from(credit)).toEqual([10, 20, 31]);
    expect(Array.from(votes)).toEqual([9, 1, 1, 1, 2, 3]); // votes unchanged
  });

  it('finds the boundary by one pass for one or two places exactly as a full sort does (property)', () => {
    const bySort = (votes: readonly number[], places: number) => {
      const boundary = [...votes].sort((a, b) => a - b)[votes.length - places];
      const above = votes.filter((value) => value > boundary).length;
      const tied = votes.filter((value) => value === boundary).length;
      return votes.map((value) => (value > boundary ? 1 : value === boundary ? (places - above) / tied : 0));
    };
    const draw = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 7 });
    fc.assert(
      fc.property(draw, fc.constantFrom(1, 2), (votes, places) => {
        expect(creditOf(votes, places)).toEqual(bySort(votes, places));
      }),
    );
  });

  it('gives credits in [0, 1] that sum to `places`, ties or not (property)', () => {
    const draw = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 7 }); // small range: many ties
    fc.assert(
      fc.property(draw, fc.nat(), (votes, placeSeed) => {
        const places = 1 + (placeSeed % votes.length);
        const credit = creditOf(votes, places);
        for (const value of credit) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(credit.reduce((a, b) => a + b, 0)).toBeCloseTo(places, 12);
        // A candidate with more votes never gets less credit.
        votes.forEach((v, i) => votes.forEach((w, j) => v > w && expect(credit[i]).toBeGreaterThanOrEqual(credit[j])));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
