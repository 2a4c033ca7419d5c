import type { Outstanding } from '../../../core/schemas/index.ts';
import { LATE_VOTES, LATE_VOTES_AFTER_DEADLINE, LATE_VOTES_DEADLINE, TURNOUT_RANGE, TURNOUT_RANGE_ESTIMATED_REGISTRATION } from './assumptions.ts';
import { allPrecinctsIn, raceVotes, type CountyState } from './county-states.ts';
import type { Registration } from './registration.ts';

/**
 * A county's outstanding votes in the race, with a 90% range, from what was known at the snapshot:
 * - every precinct at code 4: late votes only, LATE_VOTES × counted votes (LATE_VOTES_AFTER_DEADLINE once the
 *   law's deadline for late ballots has passed, at `asOf`);
 * - otherwise: expected final − counted, where expected final = registered × expected turnout, and the range
 *   puts the county's turnout at TURNOUT_RANGE (or, with estimated registration, the wider
 *   TURNOUT_RANGE_ESTIMATED_REGISTRATION) times the expectation; never below the late-vote figures.
 * Each bound is rounded on its own; rounding keeps low <= expected <= high.
 *
 * @example
 * // A county still counting, 1,000 votes in, 4,000 registered voters reported, expected turnout 0.5:
 * countyOutstanding(county, { registered: 4000, reported: true }, 0.5, '2021-01-06T03:00:00Z') // { expected: 1000, low: 400, high: 1600 }
 */
export function countyOutstanding(state: CountyState, registration: Registration, turnout: number, asOf: string): Outstanding {
  const counted = raceVotes(state);
  const lateVotes = Date.parse(asOf) < Date.parse(LATE_VOTES_DEADLINE) ? LATE_VOTES : LATE_VOTES_AFTER_DEADLINE;
  const late = (fraction: number) => counted * fraction;
  if (allPrecinctsIn(state)) {
    return roundedRange(late(lateVotes.expected), late(lateVotes.low), late(lateVotes.high));
  }
  const factors = registration.reported ? TURNOUT_RANGE : TURNOUT_RANGE_ESTIMATED_REGISTRATION;
  const gap = (countyTurnout: number) => registration.registered * countyTurnout - counted;
  return roundedRange(
    Math.max(late(lateVotes.expected), gap(turnout)),
    Math.max(late(lateVotes.low), gap(turnout * factors.low)),
    Math.max(late(lateVotes.high), gap(turnout * factors.high)),
  );
}

function roundedRange(expected: number, low: number, high: number): Outstanding {
  return { expected: Math.round(expected), low: Math.round(low), high: Math.round(high) };
}
