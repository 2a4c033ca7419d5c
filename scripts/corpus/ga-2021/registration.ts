import { FULTON_REGISTERED, SIMILAR_COUNTIES } from './assumptions.ts';
import type { CountyState } from './county-states.ts';

/** A county's registered voters for the estimate, and whether its report gave them (or they were estimated). */
export type Registration = { registered: number; reported: boolean };

/**
 * The registered voters a county's report gives, when usable: Fulton's Jan 14 figure for Fulton; otherwise the
 * report's sum when it is above 0 and at least the ballots cast (fewer voters than ballots is not registration).
 *
 * @example reportedRegistration({ county: 'Cobb', registered: 0, ... }) // undefined
 */
export function reportedRegistration(state: CountyState): number | undefined {
  if (state.county === 'Fulton') return FULTON_REGISTERED;
  return state.registered > 0 && state.registered >= state.ballotsCast ? state.registered : undefined;
}

/**
 * Registered voters of every county at one snapshot. Where the report gives none, the estimate is the larger of:
 * - precincts × registered voters per precinct of the SIMILAR_COUNTIES counties with reported registration
 *   closest in precinct count (ratio of sums), since big counties have big precincts;
 * - ballots cast so far ÷ the expected turnout, so the county is at least what it has already cast.
 * Uses only this snapshot's reports and the turnout expected at it.
 */
export function countyRegistrations(counties: readonly CountyState[], expectedTurnout: number): Map<string, Registration> {
  const reported = counties.flatMap((state) => {
    const registered = reportedRegistration(state);
    return registered === undefined ? [] : [{ precincts: state.precincts, registered }];
  });
  return new Map(
    counties.map((state): [string, Registration] => {
      const registered = reportedRegistration(state);
      if (registered !== undefined) return [state.county, { registered, reported: true }];
      const byPrecincts = state.precincts * registeredPerPrecinct(reported, state.precincts);
      const byBallots = state.ballotsCast / expectedTurnout;
      return [state.county, { registered: Math.round(Math.max(byPrecincts, byBallots)), reported: false }];
    }),
  );
}

/**
 * Registered voters per precinct in the `SIMILAR_COUNTIES` counties closest to `precincts` in precinct count
 * (on a log scale; ties keep input order), as a ratio of sums. 0 when no county reports registration.
 *
 * @example registeredPerPrecinct([{ precincts: 10, registered: 20000 }, { precincts: 100, registered: 300000 }], 12) // 2727.27...
 */
export function registeredPerPrecinct(
  reported: readonly { precincts: number; registered: number }[],
  precincts: number,
): number {
  const distance = (other: number) => Math.abs(Math.log(other / precincts));
  const nearest = [...reported]
    .sort((first, second) => distance(first.precincts) - distance(second.precincts))
    .slice(0, SIMILAR_COUNTIES);
  const totalPrecincts = nearest.reduce((sum, county) => sum + county.precincts, 0);
  const totalRegistered = nearest.reduce((sum, county) => sum + county.registered, 0);
  return totalPrecincts > 0 ? totalRegistered / totalPrecincts : 0;
}
