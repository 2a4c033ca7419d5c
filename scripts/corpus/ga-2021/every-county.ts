import { VOTE_TYPES, type VoteType } from './races.ts';
import type { CountyState, RaceSnapshot } from './county-states.ts';

/**
 * The snapshots with every county of the race present from the first one on. A county whose report could
 * not be downloaded yet is a state with no votes and no precinct in, with the precincts and registered
 * voters of its first report: registration is known before election day (it is not a count), so a newsroom
 * sizes these counties from the start instead of leaving their votes out of what is still to come.
 */
export function withEveryCounty(snapshots: readonly RaceSnapshot[]): RaceSnapshot[] {
  const firstReport = new Map<string, CountyState>();
  for (const snapshot of snapshots) {
    for (const state of snapshot.counties) if (!firstReport.has(state.county)) firstReport.set(state.county, state);
  }
  return snapshots.map((snapshot) => {
    const present = new Set(snapshot.counties.map((state) => state.county));
    const waiting = [...firstReport.values()].filter((state) => !present.has(state.county)).map(notYetReporting);
    const counties = [...snapshot.counties, ...waiting].sort((first, second) => first.county.localeCompare(second.county));
    return { asOf: snapshot.asOf, counties, reporting: snapshot.counties.length };
  });
}

function notYetReporting(state: CountyState): CountyState {
  const none = (voteType: VoteType) => [voteType, Object.fromEntries(Object.keys(state.votes[voteType]).map((id) => [id, 0]))];
  return {
    ...state,
    precinctsCode4: 0,
    ballotsCast: 0,
    votes: Object.fromEntries(VOTE_TYPES.map(none)) as CountyState['votes'],
  };
}
