import type { RaceSnapshot } from './county-states.ts';
import { VOTE_TYPES, type VoteType } from './races.ts';

/** Where a count fell: the county, and the vote type whose count for some candidate went down. */
export type Fall = { county: string; voteType: VoteType };

/**
 * Every (county, vote type) with a candidate count lower in `current` than in `previous` (both full
 * snapshots of one race). A county absent from `previous` cannot fall.
 *
 * @example countFalls(before, after) // [{ county: 'Troup', voteType: 'provisional' }] at 2021-01-06T03:27:41Z
 */
export function countFalls(previous: RaceSnapshot, current: RaceSnapshot): Fall[] {
  const before = new Map(previous.counties.map((state) => [state.county, state]));
  return current.counties.flatMap((state) => {
    const earlier = before.get(state.county);
    if (earlier === undefined) return [];
    return VOTE_TYPES.filter((voteType) =>
      Object.entries(state.votes[voteType]).some(([candidateId, votes]) => votes < earlier.votes[voteType][candidateId]),
    ).map((voteType) => ({ county: state.county, voteType }));
  });
}
