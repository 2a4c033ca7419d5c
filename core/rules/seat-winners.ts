import type { Rule } from '../schemas/count-file.ts';

/** What a draw's seat winner is when nobody takes the seat: a majority race with nobody above its threshold. */
export const NO_SEAT = -1;

/**
 * Who takes the seat in each draw, as a candidate index (or NO_SEAT). `finalVotes` holds draws × candidates.
 * - plurality: the candidate with the most votes;
 * - majority: the candidate with more than `threshold` (default 0.5) of all votes, else NO_SEAT (a runoff);
 * - top-two: the candidate who finishes first (a top-two primary elects nobody; first place is its prize).
 * An exact tie for first, which happens only when nothing is left to count, goes to the candidate listed
 * first: offices break ties by lot, and a seat count needs one winner per draw.
 * @example seatWinners(Float64Array.of(5, 9, 7, 2), 2, { kind: 'plurality' }) // Int16Array [1, 0]
 */
export function seatWinners(finalVotes: Float64Array, candidateCount: number, rule: Rule): Int16Array {
  const draws = finalVotes.length / candidateCount;
  const winners = new Int16Array(draws);
  const threshold = rule.kind === 'majority' ? (rule.threshold ?? 0.5) : 0;
  for (let draw = 0; draw < draws; draw++) {
    const offset = draw * candidateCount;
    let first = 0;
    let total = 0;
    for (let candidate = 0; candidate < candidateCount; candidate++) {
      const votes = finalVotes[offset + candidate];
      total += votes;
      if (votes > finalVotes[offset + first]) first = candidate;
    }
    // As tallyOutcomes does, compare the share, not votes against threshold × total.
    const outright = total > 0 && finalVotes[offset + first] / total > threshold;
    winners[draw] = rule.kind === 'majority' && !outright ? NO_SEAT : first;
  }
  return winners;
}
