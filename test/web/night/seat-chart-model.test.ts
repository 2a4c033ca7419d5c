import { describe, expect, it } from 'vitest';
import type { SeatCounts } from '../../../core/schemas/index.ts';
import { seatChartModel } from '../../../web/src/night/seat-chart-model.ts';

/** Seat counts with this distribution, its tail sums as atLeast. */
function counts(distribution: number[]): SeatCounts {
  const atLeast = distribution.map((_, seats) => distribution.slice(seats).reduce((sum, p) => sum + p, 0));
  const expectedSeats = distribution.reduce((sum, p, seats) => sum + p * seats, 0);
  return { distribution, atLeast, expectedSeats, mostLikely: [] };
}

describe("the model of a party's seat chart", () => {
  it('draws a bar for every count from the first to the last with draws, gaps included', () => {
    const model = seatChartModel(counts([0, 0.25, 0, 0.5, 0.25, 0]));
    expect(model.bars).toEqual([
      { seats: 1, probability: 0.25 },
      { seats: 2, probability: 0 },
      { seats: 3, probability: 0.5 },
      { seats: 4, probability: 0.25 },
    ]);
    expect(model.raceCount).toBe(5);
    expect(model.expectedSeats).toBe(2.75);
  });

  it('leaves off the outer 0.05% of draws at each end, so hundreds of races make tens of bars', () => {
    const distribution = new Array(436).fill(0);
    distribution[180] = 0.0002;
    distribution[181] = 0.0002;
    for (let seats = 200; seats < 240; seats++) distribution[seats] = 0.9996 / 40;
    distribution[260] = 0.0004;
    const model = seatChartModel(counts(distribution));
    expect(model.bars[0].seats).toBe(200);
    expect(model.bars.at(-1)!.seats).toBe(239);
    expect(model.majority).toEqual({ seats: 218, probability: expect.closeTo((22 * 0.9996) / 40 + 0.0004, 9) });
  });

  it('gives the chance of a majority only with three races or more', () => {
    expect(seatChartModel(counts([0.25, 0.5, 0.25])).majority).toBeUndefined();
    expect(seatChartModel(counts([0.1, 0.2, 0.3, 0.4])).majority).toEqual({ seats: 2, probability: expect.closeTo(0.7, 12) });
  });

  it('draws one empty bar for a distribution with no draws', () => {
    expect(seatChartModel(counts([0, 0, 0, 0])).bars).toEqual([{ seats: 0, probability: 0 }]);
  });
});
