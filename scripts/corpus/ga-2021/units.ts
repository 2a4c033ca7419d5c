import type { Unit } from '../../../core/schemas/index.ts';
import type { Fall } from './corrections.ts';
import { totalByCandidate, type CountyState } from './county-states.ts';
import { countySlug, VOTE_TYPES } from './races.ts';
import type { CountyEstimate } from './snapshot-estimate.ts';

/** What a release's units are made from: the snapshot's counties, their estimates, the counts that fell since the last release. */
export type UnitInputs = {
  counties: readonly CountyState[];
  estimates: ReadonlyMap<string, CountyEstimate>;
  falls: readonly Fall[];
  /** The last snapshot: the count is final, nothing is outstanding. */
  final: boolean;
};

/** One unit per county: votes summed over the vote types; a correction when any of its type counts fell. */
export function countyUnits({ counties, estimates, falls, final }: UnitInputs): Unit[] {
  const corrected = new Set(falls.map((fall) => fall.county));
  return counties.map((state) => ({
    id: countySlug(state.county),
    name: state.county,
    counted: totalByCandidate(state.votes),
    outstanding: final ? { expected: 0 } : estimateOf(estimates, state.county).outstanding,
    ...(corrected.has(state.county) ? { correction: true } : {}),
  }));
}

/**
 * One unit per county and vote type, id `<county slug>.<vote type>` (no name: the id says it, and the files
 * must stay under 5 MB); a correction when that count fell.
 */
export function countyVoteTypeUnits({ counties, estimates, falls, final }: UnitInputs): Unit[] {
  const corrected = new Set(falls.map((fall) => `${fall.county}|${fall.voteType}`));
  return counties.flatMap((state) =>
    VOTE_TYPES.map((voteType) => ({
      id: `${countySlug(state.county)}.${voteType}`,
      counted: { ...state.votes[voteType] },
      outstanding: final ? { expected: 0 } : estimateOf(estimates, state.county).byVoteType[voteType],
      ...(corrected.has(`${state.county}|${voteType}`) ? { correction: true } : {}),
    })),
  );
}

function estimateOf(estimates: ReadonlyMap<string, CountyEstimate>, county: string): CountyEstimate {
  const estimate = estimates.get(county);
  if (estimate === undefined) throw new Error(`no estimate for ${county}`);
  return estimate;
}
