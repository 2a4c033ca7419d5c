import { describe, expect, it } from 'vitest';
import { NO_SEAT, seatWinners } from '../../../core/rules/seat-winners.ts';

const drawsOf = (rows: readonly (readonly number[])[]) => Float64Array.from(rows.flat());

describe('seatWinners', () => {
  const draws = drawsOf([
    [60, 30, 10], // a above half
    [50, 30, 20], // a has exactly half
    [40, 45, 15], // b first, below half
    [20, 20, 10], // a and b tie for first
  ]);

  it('plurality and top-two: the candidate with the most votes, the first listed on a tie', () => {
    expect(Array.from(seatWinners(draws, 3, { kind: 'plurality' }))).toEqual([0, 0, 1, 0]);
    expect(Array.from(seatWinners(draws, 3, { kind: 'top-two' }))).toEqual([0, 0, 1, 0]);
  });

  it('majority: only a candidate strictly above the threshold takes the seat', () => {
    expect(Array.from(seatWinners(draws, 3, { kind: 'majority' }))).toEqual([0, NO_SEAT, NO_SEAT, NO_SEAT]);
    expect(Array.from(seatWinners(draws, 3, { kind: 'majority', threshold: 0.6 }))).toEqual([NO_SEAT, NO_SEAT, NO_SEAT, NO_SEAT]);
    // 63 of 90 is exactly 0.7 as a double: not more than 70%.
    expect(Array.from(seatWinners(drawsOf([[63, 27], [64, 26]]), 2, { kind: 'majority', threshold: 0.7 }))).toEqual([NO_SEAT, 0]);
  });

  it('gives nobody the seat in a majority race with no votes at all', () => {
    expect(Array.from(seatWinners(drawsOf([[0, 0]]), 2, { kind: 'majority' }))).toEqual([NO_SEAT]);
  });
});
