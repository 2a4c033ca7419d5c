import * as z from 'zod';
import { IdSchema } from './ids.ts';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH, NameSchema, textSchema } from './text.ts';

const WHOLE_VOTES = 'expected a whole number >= 0';

/** A vote count: a whole number, never negative, never NaN or Infinity. */
export const VoteCountSchema = z
  .number({ error: WHOLE_VOTES })
  .int({ error: WHOLE_VOTES })
  .nonnegative({ error: WHOLE_VOTES });

export const RuleSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('plurality') }),
      z.strictObject({
        kind: z.literal('majority'),
        threshold: z
          .number({ error: 'expected a number in [0.5, 1)' })
          .min(0.5, { error: 'expected a number in [0.5, 1)' })
          .lt(1, { error: 'expected a number in [0.5, 1)' })
          .optional()
          .describe('Share of all votes a candidate must exceed to win outright. Default 0.5.'),
      }),
      z.strictObject({ kind: z.literal('top-two') }),
    ],
    { error: 'expected kind to be one of "plurality", "majority", "top-two"' },
  )
  .meta({ id: 'Rule', description: 'How the race is decided.' });

export const CandidateSchema = z
  .strictObject({
    id: IdSchema,
    name: NameSchema,
    party: textSchema('a party', MAX_NAME_LENGTH, 0).optional(),
  })
  .meta({ id: 'Candidate' });

export const RaceSchema = z
  .strictObject({
    id: IdSchema,
    name: NameSchema,
    rule: RuleSchema,
    candidates: z.array(CandidateSchema).min(2, { error: 'expected at least 2 candidates' }),
  })
  .superRefine(refineUniqueCandidates)
  .meta({ id: 'Race', description: 'The contest: its candidates and the rule that decides it.' });

/** Each candidate id once: counts are keyed by candidate id, so a second "bass" could never be counted. */
function refineUniqueCandidates(race: { candidates: readonly { id: string }[] }, context: z.RefinementCtx): void {
  const seen = new Set<string>();
  race.candidates.forEach((candidate, index) => {
    if (seen.has(candidate.id)) {
      context.addIssue({ code: 'custom', path: ['candidates', index, 'id'], message: `duplicate candidate id "${candidate.id}"; each candidate needs its own id`, input: candidate.id });
    }
    seen.add(candidate.id);
  });
}

export const OutstandingSchema = z
  .strictObject({
    expected: VoteCountSchema.describe('Best estimate of the valid votes in this race still to be counted here.'),
    low: VoteCountSchema.optional().describe('Lower end of a 90% range for the outstanding votes.'),
    high: VoteCountSchema.optional().describe('Upper end of a 90% range for the outstanding votes.'),
    lean: z
      .record(z.string(), z.number({ error: 'expected a share in [0, 1]' }).min(0, { error: 'expected a share in [0, 1]' }).max(1, { error: 'expected a share in [0, 1]' }))
      .optional()
      .describe("Optional forecaster's prior: each candidate's share of these outstanding votes, summing to 1. The model centres the lean here."),
  })
  .meta({ id: 'Outstanding', description: 'Votes still to be counted in a unit; 0 when the unit is done.' });

export const BallotTypeCountSchema = z
  .strictObject({
    counted: z.record(z.string(), VoteCountSchema).describe('Cumulative votes of this type counted so far, by candidate id.'),
    outstanding: OutstandingSchema,
  })
  .meta({ id: 'BallotTypeCount', description: "One ballot type's part of a unit's count." });

export const UnitSchema = z
  .strictObject({
    id: IdSchema,
    name: textSchema('a name', MAX_NAME_LENGTH, 0).optional(),
    counted: z.record(z.string(), VoteCountSchema).describe('Cumulative votes counted so far, by candidate id.'),
    outstanding: OutstandingSchema,
    correction: z.boolean().optional().describe('True when counts went down because the office corrected them.'),
    types: z
      .record(z.string(), BallotTypeCountSchema)
      .optional()
      .describe(
        "Optional refinement: the unit's count split by ballot type (election day, early, mail, provisional…). The types' counts and expected outstanding votes add up to the unit's. The model leans each type's outstanding votes on that type's own history.",
      ),
  })
  .meta({ id: 'Unit', description: 'One reporting unit in one release.' });

const DateTimeSchema = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with an offset' });

export const CallSchema = z
  .strictObject({
    candidate: IdSchema.describe('The candidate declared the winner: one of the race\'s candidate ids.'),
    by: NameSchema.describe('Who made the call, as the feed names it, e.g. "AP".'),
    at: DateTimeSchema.describe('When the call was made, or first seen in the feed.'),
  })
  .meta({
    id: 'Call',
    description:
      "A news organisation's call of the race (a declared winner), as the feed gave it at this release. It is published beside the model's probabilities and never changes them.",
  });

export const ReleaseSchema = z
  .strictObject({
    asOf: DateTimeSchema,
    label: textSchema('a label', MAX_LABEL_LENGTH, 0).optional().describe('What the office called this release.'),
    units: z.array(UnitSchema).min(1, { error: 'expected at least 1 unit' }),
    call: CallSchema.optional().describe('The race call standing at this release, if the feed had one.'),
  })
  .meta({ id: 'Release', description: 'A full snapshot of the count at one moment.' });

export const CountFileShapeSchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'expected schemaVersion 1' }),
  race: RaceSchema,
  releases: z.array(ReleaseSchema).min(1, { error: 'expected at least 1 release' }),
});

export type Rule = z.infer<typeof RuleSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type Race = z.infer<typeof RaceSchema>;
export type Outstanding = z.infer<typeof OutstandingSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type BallotTypeCount = z.infer<typeof BallotTypeCountSchema>;
export type Call = z.infer<typeof CallSchema>;
export type Release = z.infer<typeof ReleaseSchema>;
export type CountFile = z.infer<typeof CountFileShapeSchema>;
