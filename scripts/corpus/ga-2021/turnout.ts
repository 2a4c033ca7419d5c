import { PRIOR_TURNOUT, PRIOR_TURNOUT_WEIGHT } from './assumptions.ts';
import { allPrecinctsIn, raceVotes, type CountyState } from './county-states.ts';
import { reportedRegistration } from './registration.ts';

/**
 * The turnout a newsroom would expect for the counties still counting, at one snapshot: race votes per
 * registered voter in the counties with every precinct at code 4 and reported registration (ratio of sums,
 * so weighted by registration), shrunk to PRIOR_TURNOUT with the weight of PRIOR_TURNOUT_WEIGHT voters:
 *   (votes of complete counties + PRIOR_TURNOUT × PRIOR_TURNOUT_WEIGHT) ÷ (their registered + PRIOR_TURNOUT_WEIGHT).
 * Reads only the states given (one snapshot), never a later count.
 *
 * @example expectedTurnout([]) // 0.5 (the prior alone)
 */
export function expectedTurnout(counties: readonly CountyState[]): number {
  let votes = 0;
  let registered = 0;
  for (const state of counties) {
    const reported = reportedRegistration(state);
    if (!allPrecinctsIn(state) || reported === undefined) continue;
    votes += raceVotes(state);
    registered += reported;
  }
  return (votes + PRIOR_TURNOUT * PRIOR_TURNOUT_WEIGHT) / (registered + PRIOR_TURNOUT_WEIGHT);
}
