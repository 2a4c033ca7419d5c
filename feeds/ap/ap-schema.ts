import * as z from 'zod';

// The parts of an AP Elections API (v2/v3) elections response that the import reads, after AP's documented
// "Elections Response" data elements. Objects are loose: AP sends many more fields, and new ones.

const DateTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time, e.g. 2022-11-09T03:12:45Z' });
const Votes = z.number({ error: 'expected a whole number >= 0' }).int({ error: 'expected a whole number >= 0' }).nonnegative({ error: 'expected a whole number >= 0' });
const Percent = z.number({ error: 'expected a percentage from 0 to 100' }).min(0, { error: 'expected a percentage from 0 to 100' }).max(100, { error: 'expected a percentage from 0 to 100' });

/** Votes of one type for one candidate (requested with votetypes=true), e.g. { voteType: "absenteeMail", voteCount: 812 }. */
export const ApVoteTypeSchema = z.looseObject({ voteType: z.string(), voteCount: Votes });

export const ApCandidateSchema = z.looseObject({
  candidateID: z.string({ error: 'expected the candidate id as a string' }),
  first: z.string().optional(),
  last: z.string().optional(),
  party: z.string().optional(),
  voteCount: Votes,
  /** "X" when AP has declared this candidate the winner; "R" when the candidate advances to a runoff. */
  winner: z.string().optional(),
  voteTypes: z.array(ApVoteTypeSchema).optional(),
});

export const ApReportingUnitSchema = z.looseObject({
  statePostal: z.string().optional(),
  stateName: z.string().optional(),
  reportingunitID: z.string().optional(),
  reportingunitName: z.string().optional(),
  level: z.string({ error: 'expected the reporting unit level as a string, e.g. "state" or "subunit"' }),
  lastUpdated: DateTime,
  precinctsReporting: Votes.optional(),
  precinctsTotal: Votes.optional(),
  precinctsReportingPct: Percent.optional(),
  eevp: Percent.optional(),
  candidates: z.array(ApCandidateSchema),
});

export const ApRaceSchema = z.looseObject({
  raceID: z.string({ error: 'expected the race id as a string' }),
  statePostal: z.string().optional(),
  raceType: z.string().optional(),
  party: z.string().optional(),
  officeName: z.string().optional(),
  seatName: z.string().optional(),
  eevp: Percent.optional(),
  reportingUnits: z.array(ApReportingUnitSchema).min(1, { error: 'expected at least 1 reporting unit' }),
});

export const ApResponseSchema = z
  .looseObject({
    electionDate: z.iso.date({ error: 'expected the election date as YYYY-MM-DD' }),
    timestamp: DateTime.optional(),
    races: z.array(ApRaceSchema),
    nextrequest: z.string().optional(),
  })
  .meta({ id: 'ApElectionsResponse', description: 'The parts of an AP Elections API response that ballotcast import reads.' });

export type ApResponse = z.infer<typeof ApResponseSchema>;
export type ApRace = z.infer<typeof ApRaceSchema>;
export type ApReportingUnit = z.infer<typeof ApReportingUnitSchema>;
export type ApCandidate = z.infer<typeof ApCandidateSchema>;
