import { describe, expect, it } from 'vitest';
import { binShares, fitCountProfile, remainingProfileLean } from '../../../core/model/count-profile.ts';
import type { PositionedBatch } from '../../../core/model/positioned-batches.ts';

/** A batch of one log-ratio dimension covering [start, end] of its unit's count. */
function batch(ratio: number, start: number, end: number): PositionedBatch {
  return { ratios: Float64Array.of(ratio), size: (end - start) * 1000, midpoint: (start + end) / 2, start, end };
}

/** Noise-free batches of a unit whose lean is `level` plus a step of `step` from position 0.5 on. */
function steppedUnit(level: number, step: number, through: number, edges: readonly number[]): PositionedBatch[] {
  const stops = [...edges.filter((edge) => edge < through), through];
  return stops.slice(1).map((end, index) => {
    const start = stops[index];
    const before = Math.max(0, Math.min(end, 0.5) - start);
    return batch(level + (step * (end - start - before)) / (end - start), start, end);
  });
}

describe('binShares', () => {
  it('splits a batch over the bins it covers, in proportion to the overlap', () => {
    const shares = binShares({ start: 0.05, end: 0.25 }, 10);
    expect(Array.from(shares, (share) => Number(share.toFixed(12)))).toEqual([0.25, 0.5, 0.25, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('puts a batch of no length in the bin of its position, and one at the very end in the last bin', () => {
    expect(Array.from(binShares({ start: 0.33, end: 0.33 }, 10)).indexOf(1)).toBe(3);
    expect(Array.from(binShares({ start: 1, end: 1 }, 10)).indexOf(1)).toBe(9);
  });
});

describe('fitCountProfile', () => {
  it('learns a step from a unit that is done, and lends it to a unit behind it (the JSDoc example)', () => {
    const done = [batch(0, 0, 0.5), batch(1, 0.5, 1)];
    const behind = [batch(2, 0, 0.5)];
    const profile = fitCountProfile([done, behind], 1, 2, 0);
    expect(profile.levels[1] - profile.levels[0]).toBeCloseTo(1, 10);
    expect(remainingProfileLean(profile, 1, 0.5, 0).mean[0]).toBeCloseTo(3, 10);
  });

  it('recovers unit levels plus a shared step exactly from noise-free batches of units at different points', () => {
    const edges = [0, 0.15, 0.3, 0.42, 0.5, 0.61, 0.77, 0.9, 1];
    const units = [steppedUnit(0.2, -0.5, 1, edges), steppedUnit(-0.3, -0.5, 0.8, edges), steppedUnit(0.1, -0.5, 0.45, edges)];
    const profile = fitCountProfile(units, 1, 10, 0);
    // Unit 2 is at 0.45: its remaining stretch is 0.05 before the step and 0.5 after it.
    const expected = 0.1 + (-0.5 * 0.5) / 0.55;
    expect(remainingProfileLean(profile, 2, 0.45, 0).mean[0]).toBeCloseTo(expected, 6);
    for (let bin = 0; bin < 10; bin++) expect(profile.binSpread[bin]).toBeCloseTo(0, 10);
  });

  it('carries the last level flat into bins no unit has reached', () => {
    const profile = fitCountProfile([[batch(0, 0, 0.3), batch(0.6, 0.3, 0.6)]], 1, 10, 0.02);
    for (let bin = 6; bin < 10; bin++) expect(profile.levels[bin]).toBeCloseTo(profile.levels[5], 2);
    expect(profile.levels[5] - profile.levels[0]).toBeGreaterThan(0.5);
  });

  it('keeps a bin that one batch barely touches near its neighbours instead of fitting it wildly', () => {
    // The second batch spills 0.001 into bin 5; without the prior, that sliver would have to explain it.
    const units = [[batch(0, 0, 0.3), batch(0.4, 0.3, 0.501)], [batch(0.1, 0, 0.5)]];
    const profile = fitCountProfile(units, 1, 10, 0.02);
    expect(Math.abs(profile.levels[5] - profile.levels[4])).toBeLessThan(0.2);
  });

  it('counts the units that have counted through each bin, a half-counted bin as half, times (batches − 1) / batches', () => {
    const profile = fitCountProfile([[batch(0, 0, 0.5), batch(0, 0.5, 1)], [batch(0, 0, 0.3), batch(0, 0.3, 0.55)]], 1, 10, 0.02);
    expect(profile.binUnits[0]).toBeCloseTo(1, 10);
    expect(profile.binUnits[5]).toBeCloseTo(0.75, 10);
    expect(profile.binUnits[9]).toBeCloseTo(0.5, 10);
  });

  it('takes no evidence and no spread from units of one batch each: their levels absorb them', () => {
    // 20 units, one release: every batch is its unit's level, so nothing was observed about the profile.
    const units = Array.from({ length: 20 }, (_, unit) => [batch((unit % 5) / 10, 0, 0.2 + unit / 40)]);
    const profile = fitCountProfile(units, 1, 10, 0.02);
    expect(Array.from(profile.binUnits).every((units) => units === 0)).toBe(true);
    expect(Array.from(profile.binSpread).every((spread) => spread === 0)).toBe(true);
    expect(remainingProfileLean(profile, 0, 0.2, 2).evidence).toBe(0);
  });

  it('measures how far batches fall from the fit, per bin', () => {
    const noisy = [[batch(0.3, 0, 0.5), batch(-0.3, 0.5, 1)], [batch(-0.3, 0, 0.5), batch(0.3, 0.5, 1)]];
    const profile = fitCountProfile(noisy, 1, 2, 0);
    // Residuals ±0.3 around a flat fit; each unit's fitted level leaves half its weight as evidence.
    expect(profile.binSpread[0]).toBeCloseTo(0.09 / 0.5, 10);
    expect(profile.binSpread[1]).toBeCloseTo(0.09 / 0.5, 10);
  });

  it('is flat at 0 with no evidence when there are no batches', () => {
    const profile = fitCountProfile([[], []], 2, 10, 0.02);
    expect(Array.from(profile.levels).every((level) => level === 0)).toBe(true);
    const remaining = remainingProfileLean(profile, 0, 0.4, 2);
    expect(Array.from(remaining.mean)).toEqual([0, 0]);
    expect(remaining.evidence).toBe(0);
  });

  it('does not change its input', () => {
    const units = Object.freeze([Object.freeze([Object.freeze(batch(0, 0, 0.5))])]);
    expect(() => fitCountProfile(units, 1, 10, 0.02)).not.toThrow();
  });
});

describe('remainingProfileLean', () => {
  it('weighs the profile by binUnits / (binUnits + priorUnits), averaged over the rest of the count', () => {
    const profile = fitCountProfile([[batch(0, 0, 0.5), batch(0, 0.5, 1)], [batch(0, 0, 0.5)]], 1, 10, 0.02);
    // From 0.5 on only the first unit has counted, with 2 batches: 0.5 / (0.5 + 2) in every remaining bin.
    expect(remainingProfileLean(profile, 1, 0.5, 2).evidence).toBeCloseTo(1 / 5, 10);
    expect(remainingProfileLean(profile, 1, 0.5, 0).evidence).toBeCloseTo(1, 10);
  });

  it("does not count a unit's own votes as evidence for its own rest", () => {
    // The unit stands at 0.45, inside bin 4; only its own batches are in that bin.
    const profile = fitCountProfile([[batch(0, 0, 0.2), batch(0, 0.2, 0.45)]], 1, 10, 0.02);
    expect(profile.binUnits[4]).toBeCloseTo(0.25, 10);
    expect(remainingProfileLean(profile, 0, 0.45, 2).evidence).toBe(0);
  });

  it('has no evidence for a stretch no unit has counted', () => {
    const profile = fitCountProfile([[batch(0, 0, 0.5)], [batch(0, 0, 0.5)]], 1, 10, 0.02);
    expect(remainingProfileLean(profile, 1, 0.5, 2).evidence).toBe(0);
  });
});
