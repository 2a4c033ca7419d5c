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
 * The county units with their count split by vote type (the count file's `types`): each type's counted votes
 * and its share of the county's outstanding estimate, which add up to the county's.
 */
export function countyVoteTypeUnits(inputs: UnitInputs): Unit[] {
  const { counties, estimates, final } = inputs;
  return countyUnits(inputs).map((unit, index) => {
    const state = counties[index];
    const types = VOTE_TYPES.map((voteType) => [
      voteType,
      {
        counted: { ...state.votes[voteType] },
        outstanding: final ? { expected: 0 } : estimateOf(estimates, state.county).byVoteType[voteType],
      },
    ]);
    return { ...unit, types: Object.fromEntries(types) };
  });
}

function estimateOf(estimates: ReadonlyMap<string, CountyEstimate>, county: string): CountyEstimate {
  const estimate = estimates.get(county);
  if (estimate === undefined) throw new Error(`no estimate for ${county}`);
  return estimate;
}
