import type { Candidate } from '../../../core/schemas/index.ts';
import type { SourceCandidate } from './contest-history.ts';
import { uniqueSlugs } from './slugs.ts';

/** Lumping applies only to contests with more than this many candidates. */
export const LUMP_ABOVE_CANDIDATES = 6;
/** Candidates below this share of the contest's final count may be lumped. */
export const LUMP_BELOW_SHARE = 0.01;
/** The final top this-many are never lumped. */
export const NEVER_LUMP_TOP = 3;

export const OTHER_CANDIDATE: Candidate = { id: 'other', name: 'Other candidates' };

/** The race's candidates, and the candidate id each source candidate's votes go to. */
export type CandidatePlan = { candidates: Candidate[]; idOfSource: string[] };

/**
 * The race's candidates. Ids are slugs of the names, unique and never `other`. In a contest with more than
 * 6 candidates, those whose FINAL share is below 1% and who are not in the final top 3 are lumped into
 * `other` (placed last), when there are at least two of them; the rest keep the source order.
 */
export function planCandidates(source: readonly SourceCandidate[], finalVotes: readonly number[]): CandidatePlan {
  const ids = uniqueSlugs(source.map((candidate) => candidate.name), [OTHER_CANDIDATE.id]);
  const lumped = lumpedIndices(finalVotes);
  const kept = source.flatMap((candidate, index): Candidate[] =>
    lumped.has(index) ? [] : [{ id: ids[index], name: candidate.name, ...partyOf(candidate) }],
  );
  return {
    candidates: lumped.size > 0 ? [...kept, OTHER_CANDIDATE] : kept,
    idOfSource: ids.map((id, index) => (lumped.has(index) ? OTHER_CANDIDATE.id : id)),
  };
}

function lumpedIndices(finalVotes: readonly number[]): Set<number> {
  if (finalVotes.length <= LUMP_ABOVE_CANDIDATES) return new Set();
  const total = finalVotes.reduce((sum, votes) => sum + votes, 0);
  // Ranked by final votes, ties in source order.
  const ranked = finalVotes.map((votes, index) => ({ votes, index })).sort((a, b) => b.votes - a.votes || a.index - b.index);
  const small = ranked
    .slice(NEVER_LUMP_TOP)
    .filter(({ votes }) => votes < LUMP_BELOW_SHARE * total)
    .map(({ index }) => index);
  return new Set(small.length >= 2 ? small : []);
}

function partyOf(candidate: SourceCandidate): { party?: string } {
  return candidate.party === '' ? {} : { party: candidate.party };
}

/**
 * A county's votes by race candidate id, in the race's candidate order, lumped candidates summed.
 * @example countedById([2, 5, 1], plan) // { a: 5, other: 3 } when plan.idOfSource is ['other', 'a', 'other']
 */
export function countedById(votes: readonly number[], plan: CandidatePlan): Record<string, number> {
  const counted: Record<string, number> = Object.fromEntries(plan.candidates.map((candidate) => [candidate.id, 0]));
  votes.forEach((count, index) => {
    counted[plan.idOfSource[index]] += count;
  });
  return counted;
}
