import { describe, expect, it } from 'vitest';
import { dimensionCandidates, logRatios } from '../../../core/model/log-ratios.ts';

describe('logRatios', () => {
  it('gives ln(votes / reference votes) for the JSDoc example', () => {
    const ratios = logRatios([300, 100], 0, 0);
    expect(ratios).toHaveLength(1);
    expect(ratios[0]).toBeCloseTo(-1.0986122886681098, 14); // ln(1/3)
  });

  it('leaves out the reference candidate and keeps the others in candidate order', () => {
    const ratios = logRatios([100, 200, 50, 400], 1, 0);
    expect(ratios).toHaveLength(3);
    expect(ratios[0]).toBeCloseTo(Math.log(0.5), 14);
    expect(ratios[1]).toBeCloseTo(Math.log(0.25), 14);
    expect(ratios[2]).toBeCloseTo(Math.log(2), 14);
  });

  it('adds the pseudo-count to every candidate, so that zeros stay finite', () => {
    const candidateWithNone = logRatios([10, 0], 0, 0.5);
    const referenceWithNone = logRatios([0, 10], 0, 0.5);
    expect(candidateWithNone[0]).toBeCloseTo(Math.log(0.5 / 10.5), 14);
    expect(referenceWithNone[0]).toBeCloseTo(Math.log(10.5 / 0.5), 14);
    expect(Number.isFinite(logRatios([0, 0, 0], 2, 0.5)[0])).toBe(true);
    // Without it, a zero would be infinite.
    expect(logRatios([10, 0], 0, 0)[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('matches the candidates that dimensionCandidates names', () => {
    const votes = [7, 3, 11, 2];
    const reference = 2;
    const ratios = logRatios(votes, reference, 0);
    dimensionCandidates(votes.length, reference).forEach((candidate, dimension) => {
      expect(ratios[dimension]).toBeCloseTo(Math.log(votes[candidate] / votes[reference]), 14);
    });
  });
});

describe('dimensionCandidates', () => {
  it('lists every candidate but the reference, in order', () => {
    expect(Array.from(dimensionCandidates(4, 2))).toEqual([0, 1, 3]);
    expect(Array.from(dimensionCandidates(4, 0))).toEqual([1, 2, 3]);
    expect(Array.from(dimensionCandidates(2, 1))).toEqual([0]);
  });
});
