import * as z from 'zod';
import { IdSchema } from './ids.ts';
import { DeskSchema } from './desk.ts';
import { DateTimeSchema, OutstandingSchema, VoteCountSchema } from './outstanding.ts';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH, NameSchema, textSchema } from './text.ts';

export {
  CallRequestSchema,
  DeskCallSchema,
  DeskSchema,
  MAX_NOTE_LENGTH,
  OverrideRequestSchema,
  UnitOverrideSchema,
  type Desk,
  type DeskCall,
  type DeskEntry,
  type UnitOverride,
} from './desk.ts';
export { DateTimeSchema, LeanSchema, OutstandingSchema, VoteCountSchema, type Outstanding } from './outstanding.ts';

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
    party: textSchema('a party', MAX_NAME_LENGTH, 0)
      .optional()
      .describe("The candidate's party. In a race of an election that lists its parties, one of their ids; absent or empty for no party."),
  })
  .meta({ id: 'Candidate' });

export const PartySchema = z
  .strictObject({
    id: IdSchema.describe('The party as candidates name it in `party`, e.g. "Dem".'),
    name: NameSchema.describe('The party\'s name for people, e.g. "Democratic".'),
  })
  .meta({ id: 'Party' });

export const ElectionSchema = z
  .strictObject({
    id: IdSchema.describe('The election (one night of counting), the same in every race of it, e.g. "20241105".'),
    name: NameSchema,
    parties: z
      .array(PartySchema)
      .min(1, { error: 'expected at least 1 party, or no parties key' })
      .optional()
      .describe("The election's parties, in the order summaries list them. Without it, the parties are the candidates' `party` values as written."),
  })
  .superRefine(refineUniqueParties)
  .meta({
    id: 'Election',
    description:
      'The election a race belongs to. Races of one election share a swing per party in every draw, and `ballotcast night` sums their seats by party. Every race of the election carries the same object.',
  });

export const RaceSchema = z
  .strictObject({
    id: IdSchema,
    name: NameSchema,
    rule: RuleSchema,
    candidates: z.array(CandidateSchema).min(2, { error: 'expected at least 2 candidates' }),
    election: ElectionSchema.optional(),
  })
  .superRefine(refineUniqueCandidates)
  .superRefine(refineListedParties)
  .meta({ id: 'Race', description: 'The contest: its candidates and the rule that decides it.' });

/** Each party id once: a candidate's `party` must name one party. */
function refineUniqueParties(election: { parties?: readonly { id: string }[] }, context: z.RefinementCtx): void {
  const seen = new Set<string>();
  election.parties?.forEach((party, index) => {
    if (seen.has(party.id)) {
      context.addIssue({ code: 'custom', path: ['parties', index, 'id'], message: `duplicate party id "${party.id}"; each party needs its own id`, input: party.id });
    }
    seen.add(party.id);
  });
}

/**
 * In a race of an election that lists its parties, each candidate's party is one of them (or absent): a
 * misspelt party would otherwise silently miss the election's shared swing and its seat count.
 */
function refineListedParties(
  race: { candidates: readonly { party?: string }[]; election?: { parties?: readonly { id: string }[] } },
  context: z.RefinementCtx,
): void {
  const parties = race.election?.parties;
  // An empty list is reported by ElectionSchema itself.
  if (parties === undefined || parties.length === 0) return;
  const ids = parties.map((party) => party.id);
  race.candidates.forEach((candidate, index) => {
    if (candidate.party === undefined || candidate.party === '' || ids.includes(candidate.party)) return;
    context.addIssue({
      code: 'custom',
      path: ['candidates', index, 'party'],
      message: `party "${candidate.party}" is not one of the election's parties (${ids.join(', ')}); leave party out for a candidate of no party`,
      input: candidate.party,
    });
  });
}

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

export const CallSchema = z
  .strictObject({
    candidate: IdSchema.describe('The candidate declared the winner: one of the race\'s candidate ids.'),
    by: NameSchema.describe('Who made the call, as the feed names it, e.g. "AP".'),
    at: DateTimeSchema.describe('When the call was made, or first seen in the feed.'),
  })
  .meta({
    id: 'Call',
    description:
      "A news organisation's call of the race (a declared winner), as the feed gave it at this release. It is published beside the model's probabilities and never changes them; in an election's summary the race counts as decided. A standing desk call (desk.calls) wins over it.",
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
  desk: DeskSchema.optional().describe("The newsroom desk's calls and overrides, recorded by hand."),
});

export type Rule = z.infer<typeof RuleSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type Party = z.infer<typeof PartySchema>;
export type Election = z.infer<typeof ElectionSchema>;
export type Race = z.infer<typeof RaceSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type BallotTypeCount = z.infer<typeof BallotTypeCountSchema>;
export type Call = z.infer<typeof CallSchema>;
export type Release = z.infer<typeof ReleaseSchema>;
export type CountFile = z.infer<typeof CountFileShapeSchema>;
