import type { Outstanding } from '../../../core/schemas/index.ts';
import { countyOutstanding } from './county-outstanding.ts';
import type { CountyState, RaceSnapshot } from './county-states.ts';
import type { VoteType } from './races.ts';
import { countyRegistrations } from './registration.ts';
import { expectedTurnout } from './turnout.ts';
import { expectedVoteTypeShares, splitByVoteType } from './vote-type-split.ts';

/** The derived outstanding votes of one county at one snapshot, whole and by vote type. */
export type CountyEstimate = { outstanding: Outstanding; byVoteType: Record<VoteType, Outstanding> };

/**
 * Estimates every county's outstanding votes at one snapshot from that snapshot's reports alone (no later
 * count, no final): expected turnout and vote-type shares from the complete counties, registration reported
 * or estimated, then each county's outstanding votes and their split by vote type.
 */
export function estimateSnapshot(snapshot: RaceSnapshot): Map<string, CountyEstimate> {
  const turnout = expectedTurnout(snapshot.counties);
  const registrations = countyRegistrations(snapshot.counties, turnout);
  const shares = expectedVoteTypeShares(snapshot.counties);
  return new Map(
    snapshot.counties.map((state: CountyState): [string, CountyEstimate] => {
      const registration = registrations.get(state.county);
      if (registration === undefined) throw new Error(`${snapshot.asOf}: no registration for ${state.county}`);
      const outstanding = countyOutstanding(state, registration, turnout, snapshot.asOf);
      const byVoteType = splitByVoteType(state, outstanding, registration.registered * turnout, shares);
      return [state.county, { outstanding, byVoteType }];
    }),
  );
}
