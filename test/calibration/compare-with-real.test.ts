import { describe, expect, it } from 'vitest';
import type { CountFile } from '../../core/schemas/index.ts';
import { atStage } from '../../calibration/compare-with-real.ts';

const release = (asOf: string, a: number, b: number, expected: number) => ({
  asOf,
  units: [{ id: 'u', counted: { a, b }, outstanding: { expected } }],
});

/** 30 counted (a leads 20–10), then the rest: 70 more, of which a gets 28 (40%). */
const countFile: CountFile = {
  schemaVersion: 1,
  race: { id: 'r', name: 'R', rule: { kind: 'plurality' }, candidates: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] },
  releases: [release('2024-01-01T00:00:00Z', 20, 10, 140), release('2024-01-02T00:00:00Z', 48, 52, 0)],
};

describe('atStage', () => {
  it("gives how the rest leaned from the running leader's share, and the estimate over the truth", () => {
    const point = atStage(countFile, 0.3);
    expect(point?.lean).toBeCloseTo(28 / 70 - 20 / 30, 12);
    expect(point?.estimateRatio).toBeCloseTo(140 / 70, 12);
  });

  it('has nothing to say before a stage is reached or once nothing is left', () => {
    expect(atStage(countFile, 0.1)).toBeNull();
    expect(atStage(countFile, 1)).toBeNull();
  });
});
