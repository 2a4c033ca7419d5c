import { roundShare, roundVotes } from './rounding.ts';

/** What a trailing candidate needs from the votes still to count to draw level with the leader. */
export interface PathToVictory {
  /** Index of the candidate with the most votes counted (the first listed on a tie). */
  readonly leader: number;
  /** Votes counted for the leader less votes counted for this candidate, >= 0. */
  readonly votesBehind: number;
  /** Share of all the expected outstanding votes this candidate needs to draw level; more wins. */
  readonly shareNeeded: number;
  /** Whether that leaves the other candidates their counted share of the outstanding votes and the leader >= 0. */
  readonly reachable: boolean;
}

/**
 * For each candidate but the leader in counted votes, the share of the expected outstanding votes they need
 * to draw level with the leader (undefined for the leader, and for everyone when nothing is expected to be
 * outstanding). It is deterministic: the counted votes and the office's estimate, no draws. The candidates
 * other than these two are assumed to take their counted share q of the outstanding votes O, so with the
 * trailing candidate taking s·O and the leader the rest, (1 − q − s)·O, they draw level when
 *
 *   s·O − (1 − q − s)·O = votesBehind,   that is   s = ((1 − q) + votesBehind / O) / 2.
 *
 * The race is within reach when s <= 1 − q (the leader keeps >= 0 votes). With nothing counted, q = 0.
 * @example pathsToVictory([600, 500], 1000)[1] // { leader: 0, votesBehind: 100, shareNeeded: 0.55, reachable: true }
 */
export function pathsToVictory(countedVotes: ArrayLike<number>, expectedOutstanding: number): (PathToVictory | undefined)[] {
  const counted = Array.from(countedVotes);
  if (!(expectedOutstanding > 0)) return counted.map(() => undefined);
  const leader = counted.reduce((best, votes, index) => (votes > counted[best] ? index : best), 0);
  const total = counted.reduce((sum, votes) => sum + votes, 0);
  return counted.map((votes, index) => {
    if (index === leader) return undefined;
    const votesBehind = counted[leader] - votes;
    const othersShare = total > 0 ? (total - counted[leader] - votes) / total : 0;
    const shareNeeded = (1 - othersShare + votesBehind / expectedOutstanding) / 2;
    return { leader, votesBehind: roundVotes(votesBehind), shareNeeded: roundShare(shareNeeded), reachable: shareNeeded <= 1 - othersShare };
  });
}
