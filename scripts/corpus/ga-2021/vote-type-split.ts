import type { Outstanding } from '../../../core/schemas/index.ts';
import { apportion } from '../../examples/numbers.ts';
import { LATE_VOTE_TYPE_SHARES, PRIOR_VOTE_TYPE_SHARES, PRIOR_VOTE_TYPE_WEIGHT } from './assumptions.ts';
import { allPrecinctsIn, raceVotes, type CountyState } from './county-states.ts';
import { VOTE_TYPES, type VoteType } from './races.ts';

export type VoteTypeShares = Readonly<Record<VoteType, number>>;

/**
 * Each vote type's expected share of a county's final votes, at one snapshot: its share of the race votes in
 * the counties with every precinct at code 4 (ratio of sums), shrunk to PRIOR_VOTE_TYPE_SHARES with the weight
 * of PRIOR_VOTE_TYPE_WEIGHT votes. The shares sum to 1.
 *
 * @example expectedVoteTypeShares([]) // PRIOR_VOTE_TYPE_SHARES
 */
export function expectedVoteTypeShares(counties: readonly CountyState[]): VoteTypeShares {
  const complete = counties.filter(allPrecinctsIn);
  const total = complete.reduce((sum, state) => sum + raceVotes(state), 0);
  return Object.fromEntries(
    VOTE_TYPES.map((voteType) => {
      const votes = complete.reduce((sum, state) => sum + raceVotes(state, voteType), 0);
      const share = (votes + PRIOR_VOTE_TYPE_SHARES[voteType] * PRIOR_VOTE_TYPE_WEIGHT) / (total + PRIOR_VOTE_TYPE_WEIGHT);
      return [voteType, share];
    }),
  ) as Record<VoteType, number>;
}

/**
 * Splits a county's outstanding votes among the vote types, in proportion to each type's gap: expected final
 * × the type's expected share − the type's counted votes (0 if negative). A county with every precinct at code
 * 4, or with no gap in any type, splits by LATE_VOTE_TYPE_SHARES. `expected` is apportioned exactly (the parts
 * sum to it); low is rounded down and high up, then clamped so low <= expected <= high in every part.
 */
export function splitByVoteType(
  state: CountyState,
  outstanding: Outstanding,
  expectedFinal: number,
  shares: VoteTypeShares,
): Record<VoteType, Outstanding> {
  const weights = splitWeights(state, expectedFinal, shares);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const expectedParts = apportion(outstanding.expected, weights);
  return Object.fromEntries(
    VOTE_TYPES.map((voteType, index) => {
      const expected = expectedParts[index];
      const share = weights[index] / weightSum;
      const low = Math.min(expected, Math.floor((outstanding.low ?? outstanding.expected) * share));
      const high = Math.max(expected, Math.ceil((outstanding.high ?? outstanding.expected) * share));
      return [voteType, { expected, low, high }];
    }),
  ) as Record<VoteType, Outstanding>;
}

function splitWeights(state: CountyState, expectedFinal: number, shares: VoteTypeShares): number[] {
  const late = VOTE_TYPES.map((voteType) => LATE_VOTE_TYPE_SHARES[voteType]);
  if (allPrecinctsIn(state)) return late;
  const gaps = VOTE_TYPES.map((voteType) => Math.max(0, expectedFinal * shares[voteType] - raceVotes(state, voteType)));
  return gaps.some((gap) => gap > 0) ? gaps : late;
}
