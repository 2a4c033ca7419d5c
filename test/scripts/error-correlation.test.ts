import { describe, expect, it } from 'vitest';
import { addRaceErrors, emptyMoment, pooledCorrelation, winsorize, type MomentSums } from '../../scripts/shared-swing/error-correlation.ts';
import { streamForBlock } from '../../core/random/stream-for-block.ts';

/** Moments of `races` races whose errors share a component of variance `shared` (total variance `scale`²). */
function simulatedMoments(moments: number, races: number, shared: number, draws: number, scale = 1): MomentSums[] {
  const stream = streamForBlock('icc', 'test', 0);
  return Array.from({ length: moments }, () => {
    const moment = emptyMoment(draws);
    const common = Float64Array.from({ length: draws }, () => stream.nextNormal());
    for (let race = 0; race < races; race++) {
      addRaceErrors(moment, common.map((value) => scale * (Math.sqrt(shared) * value + Math.sqrt(1 - shared) * stream.nextNormal())));
    }
    return moment;
  });
}

describe('pooledCorrelation', () => {
  it('is 1 for identical errors, -1 for two opposite ones, and ignores moments of one race', () => {
    const same = emptyMoment(1);
    [1.5, 1.5, 1.5].forEach((z) => addRaceErrors(same, Float64Array.of(z)));
    const opposite = emptyMoment(1);
    [2, -2].forEach((z) => addRaceErrors(opposite, Float64Array.of(z)));
    const alone = emptyMoment(1);
    addRaceErrors(alone, Float64Array.of(5));
    expect(pooledCorrelation([same])).toBe(1);
    expect(pooledCorrelation([opposite, alone])).toBe(-1);
    expect(pooledCorrelation([alone])).toBeNaN();
  });

  it('recovers the share of variance that errors share, whatever their scale (2,000 moments of 5 races, ±0.03)', () => {
    expect(pooledCorrelation(simulatedMoments(2000, 5, 0.3, 1))).toBeCloseTo(0.3, 1);
    expect(pooledCorrelation(simulatedMoments(2000, 5, 0.3, 1, 4))).toBeCloseTo(0.3, 1);
    expect(Math.abs(pooledCorrelation(simulatedMoments(2000, 5, 0, 1)))).toBeLessThan(0.03);
    // Per draw: 20 moments of 1,000 draws each.
    expect(pooledCorrelation(simulatedMoments(20, 5, 0.6, 1000))).toBeCloseTo(0.6, 1);
  });

  it('winsorizes at ±3', () => {
    expect([winsorize(-7), winsorize(0.5), winsorize(3.2)]).toEqual([-3, 0.5, 3]);
  });
});
