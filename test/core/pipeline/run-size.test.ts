import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAWS, defaultDraws, MAX_RUN_WORK, maxDraws, runSizeProblem, simulatedUnits } from '../../../core/pipeline/run-size.ts';
import type { Release } from '../../../core/schemas/index.ts';

/** A release of `count` units; every `typedEvery`-th unit is split into mail and election-day ballots. */
function release(count: number, typedEvery = 0): Release {
  const units = Array.from({ length: count }, (_, index) => {
    const unit = { id: `u${index}`, counted: { a: 10, b: 10 }, outstanding: { expected: 10 } };
    if (typedEvery === 0 || index % typedEvery !== 0) return unit;
    const half = { counted: { a: 5, b: 5 }, outstanding: { expected: 5 } };
    return { ...unit, types: { mail: half, election_day: half } };
  });
  return Object.freeze({ asOf: '2024-11-05T20:00:00Z', units }) as Release;
}

describe('the cap on a run’s work', () => {
  it('is half of 60 s at 5 million unit-draws × candidates per second', () => {
    expect(MAX_RUN_WORK).toBe(150_000_000);
  });

  it('counts a unit split by ballot type once per type', () => {
    expect(simulatedUnits(release(10))).toBe(10);
    expect(simulatedUnits(release(10, 5))).toBe(12);
  });

  it('allows as many draws as fit: 1,000 units of 2 candidates take 75,000, of 12 candidates 12,500', () => {
    expect(maxDraws(release(1_000), 2)).toBe(75_000);
    expect(maxDraws(release(1_000), 12)).toBe(12_500);
    expect(runSizeProblem(release(1_000), 12, 12_500)).toBeUndefined();
  });

  it('names the work, the limit and the most draws that fit when a run is too big', () => {
    expect(runSizeProblem(release(1_000), 12, 12_501)).toBe(
      '12501 draws × 1000 units × 12 candidates is 150012000 unit-draws × candidates; a run may do at most 150000000, ' +
        "so that it ends within the run function's 60 s: at most 12500 draws for this release",
    );
  });

  it('gives a release’s run the default draws, or fewer when the default would not fit', () => {
    expect(defaultDraws(release(100), 2)).toBe(DEFAULT_DRAWS);
    expect(defaultDraws(release(4_000), 2)).toBe(18_750);
    expect(runSizeProblem(release(4_000), 2, defaultDraws(release(4_000), 2))).toBeUndefined();
  });
});
