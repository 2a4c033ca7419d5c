import * as z from 'zod';

const WHOLE_VOTES = 'expected a whole number >= 0';
const SHARE = 'expected a share in [0, 1]';

/** A vote count: a whole number, never negative, never NaN or Infinity. */
export const VoteCountSchema = z
  .number({ error: WHOLE_VOTES })
  .int({ error: WHOLE_VOTES })
  .nonnegative({ error: WHOLE_VOTES });

/** An ISO 8601 date-time with an offset, as releases and calls carry. */
export const DateTimeSchema = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with an offset' });

/** Each candidate's share of some outstanding votes, by candidate id; the count file's checks ask for every candidate and a sum of 1. */
export const LeanSchema = z.record(z.string(), z.number({ error: SHARE }).min(0, { error: SHARE }).max(1, { error: SHARE }));

export const OutstandingSchema = z
  .strictObject({
    expected: VoteCountSchema.describe('Best estimate of the valid votes in this race still to be counted here.'),
    low: VoteCountSchema.optional().describe('Lower end of a 90% range for the outstanding votes.'),
    high: VoteCountSchema.optional().describe('Upper end of a 90% range for the outstanding votes.'),
    lean: LeanSchema.optional().describe(
      "Optional forecaster's prior: each candidate's share of these outstanding votes, summing to 1. The model centres the lean here.",
    ),
  })
  .meta({ id: 'Outstanding', description: 'Votes still to be counted in a unit; 0 when the unit is done.' });

export type Outstanding = z.infer<typeof OutstandingSchema>;
