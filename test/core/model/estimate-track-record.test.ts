import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { volumeCorrection, type ReleaseTotals } from '../../../core/model/estimate-track-record.ts';

const settings = { span: 0.5, maxFactor: 2 };

/** Releases of a count whose office always estimates `ratio` times the true remainder of `total` votes. */
function biasedHistory(total: number, ratio: number, countedSteps: readonly number[]): ReleaseTotals[] {
  return countedSteps.map((counted) => ({ counted, estimated: ratio * (total - counted) }));
}

describe('volumeCorrection', () => {
  it('is 1 with a single release, or when nothing was counted since the first', () => {
    expect(volumeCorrection([{ counted: 10, estimated: 90 }], settings)).toBe(1);
    expect(volumeCorrection([{ counted: 10, estimated: 90 }, { counted: 10, estimated: 70 }], settings)).toBe(1);
  });

  it('is 1 when the estimates were right all along', () => {
    expect(volumeCorrection(biasedHistory(1000, 1, [100, 300, 600, 800]), settings)).toBeCloseTo(1, 12);
  });

  it('recovers 1 / ratio, shrunk by λ / (λ + span), for a steady bias', () => {
    // Estimates at 0.8 of the truth: the correction before shrinking is 1.25.
    const history = biasedHistory(1000, 0.8, [100, 300, 600]);
    const lever = (600 - 100) / (0.8 * 900);
    expect(volumeCorrection(history, settings)).toBeCloseTo(Math.exp((lever / (lever + 0.5)) * Math.log(1.25)), 12);
  });

  it('corrects over-estimates downwards', () => {
    expect(volumeCorrection(biasedHistory(1000, 1.3, [100, 400, 700]), settings)).toBeLessThan(1);
  });

  it('approaches the full correction as the record grows, never beyond it', () => {
    const short = volumeCorrection(biasedHistory(1000, 0.8, [0, 100]), settings);
    const long = volumeCorrection(biasedHistory(1000, 0.8, [0, 900]), settings);
    expect(short).toBeGreaterThan(1);
    expect(long).toBeGreaterThan(short);
    expect(long).toBeLessThan(1.25);
  });

  it('caps the correction at maxFactor when the estimate never falls', () => {
    const history = [{ counted: 0, estimated: 100 }, { counted: 500, estimated: 100 }, { counted: 1000, estimated: 120 }];
    const lever = 1000 / 100;
    expect(volumeCorrection(history, settings)).toBeCloseTo(Math.exp((lever / (lever + 0.5)) * Math.LN2), 12);
  });

  it('stays within [1 / maxFactor, maxFactor] for any history', () => {
    const release = fc.record({ counted: fc.nat(1e6), estimated: fc.nat(1e6) });
    fc.assert(
      fc.property(fc.array(release, { minLength: 1, maxLength: 12 }), (history) => {
        const sorted = [...history].sort((a, b) => a.counted - b.counted);
        const factor = volumeCorrection(sorted, settings);
        return Number.isFinite(factor) && factor >= 0.5 - 1e-12 && factor <= 2 + 1e-12;
      }),
    );
  });
});
