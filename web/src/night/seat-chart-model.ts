import type { SeatCounts } from './night-documents.ts';

/** With fewer races than this a "majority" is one or all of them, so the chart draws no majority line. */
export const MIN_RACES_FOR_MAJORITY = 3;
/** The axis leaves off seat counts in the outer 0.05% of draws at each end, which would squeeze the rest. */
const TAIL_SHARE = 0.0005;

export interface SeatBar {
  readonly seats: number;
  /** Share of draws with exactly `seats` seats. */
  readonly probability: number;
}

/** What a party's seat chart draws, before any pixels. */
export interface SeatChartModel {
  /** One bar per seat count from the first to the last drawn, every count between included. */
  readonly bars: readonly SeatBar[];
  readonly expectedSeats: number;
  /** Seats for a majority of the races, and the chance of at least that many; absent for too few races. */
  readonly majority: { readonly seats: number; readonly probability: number } | undefined;
  /** The number of races: the most seats there are. */
  readonly raceCount: number;
}

/**
 * The bars of P(exactly N seats), for the N that hold all but the outer 0.05% of draws at each end (so a
 * night of hundreds of races draws tens of bars, not hundreds), the expected seats and the majority.
 * @example seatChartModel({ distribution: [0.25, 0.5, 0.25], atLeast: [1, 0.75, 0.25], expectedSeats: 1, … })
 *   // → bars for 0, 1 and 2 seats; no majority line (two races)
 */
export function seatChartModel(counts: SeatCounts): SeatChartModel {
  const { distribution, atLeast, expectedSeats } = counts;
  const raceCount = distribution.length - 1;
  const [first, last] = drawnRange(distribution);
  const bars = distribution.slice(first, last + 1).map((probability, offset) => ({ seats: first + offset, probability }));
  const majoritySeats = Math.floor(raceCount / 2) + 1;
  return {
    bars,
    expectedSeats,
    majority: raceCount >= MIN_RACES_FOR_MAJORITY ? { seats: majoritySeats, probability: atLeast[majoritySeats] ?? 0 } : undefined,
    raceCount,
  };
}

/** The first and last seat counts past the tails; [0, 0] for a distribution with no draws. */
function drawnRange(distribution: readonly number[]): [number, number] {
  let first = distribution.findIndex((probability) => probability > 0);
  if (first === -1) return [0, 0];
  let last = distribution.length - 1;
  while (distribution[last] === 0) last--;
  for (let below = distribution[first]; below <= TAIL_SHARE && first < last; below += distribution[first]) first++;
  for (let above = distribution[last]; above <= TAIL_SHARE && last > first; above += distribution[last]) last--;
  return [first, last];
}
