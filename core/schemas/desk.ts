import * as z from 'zod';
import { IdSchema } from './ids.ts';
import { DateTimeSchema, LeanSchema, OutstandingSchema } from './outstanding.ts';
import { NameSchema, textSchema } from './text.ts';

/** The most characters of a desk note. */
export const MAX_NOTE_LENGTH = 1000;

const by = () => NameSchema.describe('Who recorded it: the forecaster, or the identity the API saw (e.g. an IAM ARN).');
const at = () => DateTimeSchema.describe('When it was recorded. It applies to the forecasts of the release newest at that time and of every later one.');
const note = () => textSchema('a note', MAX_NOTE_LENGTH, 0).optional().describe('Why, in words, for the desk\'s log.');

export const DeskCallSchema = z
  .strictObject({
    candidate: IdSchema.nullable().describe("The candidate the desk declares the winner, one of the race's candidate ids; null withdraws the desk's call."),
    by: by(),
    at: at(),
    note: note(),
  })
  .meta({
    id: 'DeskCall',
    description:
      "The newsroom desk's own call of the race. The latest desk call stands and wins over the feed's (release.call). A called race counts as decided in its election's summary; the race's forecast keeps the model's probabilities beside the call.",
  });

const UnitOverrideFields = z.strictObject({
  unit: IdSchema.describe('The unit, as the releases name it.'),
  type: IdSchema.optional().describe('A ballot type of the unit; required for a unit that reports types, and then the override is of that type only.'),
  outstanding: OutstandingSchema.omit({ lean: true })
    .nullable()
    .optional()
    .describe("The desk's estimate of the votes still to count there, in place of the release's; null goes back to the release's."),
  lean: LeanSchema.nullable()
    .optional()
    .describe("The centre of the shares of the votes still to count there, each candidate's, summing to 1; the model keeps its uncertainty around it. null goes back to the model's own centre."),
  by: by(),
  at: at(),
  note: note(),
});

/** An override changes the estimate, the lean or both. */
const changesSomething = [
  (override: { outstanding?: unknown; lean?: unknown }) => override.outstanding !== undefined || override.lean !== undefined,
  { error: 'expected "outstanding" or "lean" (or both): an override changes at least one' },
] as const;

export const UnitOverrideSchema = UnitOverrideFields.refine(...changesSomething).meta({
  id: 'UnitOverride',
  description: "The desk's override of one unit's outstanding estimate or lean. For each field, the latest override of the unit (and type) stands, in the forecast of the newest release.",
});

export const DeskSchema = z
  .strictObject({
    calls: z.array(DeskCallSchema).optional().describe('Calls in any order; the latest (by `at`, then by place in the list) stands.'),
    overrides: z.array(UnitOverrideSchema).optional().describe('Overrides in any order; for each unit, type and field, the latest stands.'),
  })
  .meta({
    id: 'Desk',
    description:
      "What the newsroom desk recorded by hand: calls and overrides, each with who and when. They are part of the forecast's input (its provenance), so a rerun reproduces them.",
  });

/** The body of POST /races/{raceId}/calls: who and when are the caller's identity and the API's clock. */
export const CallRequestSchema = DeskCallSchema.pick({ candidate: true, note: true }).meta({
  id: 'CallRequest',
  description: "A desk call posted to the API: the candidate (null withdraws the desk's call) and an optional note.",
});

/** The body of POST /races/{raceId}/overrides: who and when are the caller's identity and the API's clock. */
export const OverrideRequestSchema = UnitOverrideFields.omit({ by: true, at: true })
  .refine(...changesSomething)
  .meta({ id: 'OverrideRequest', description: "A desk override posted to the API: the unit (and type), the estimate and/or lean, and an optional note." });

/** What the desk records through the API: a call, or an override of a unit. */
export type DeskEntry = { readonly kind: 'call'; readonly call: DeskCall } | { readonly kind: 'override'; readonly override: UnitOverride };

export type DeskCall = z.infer<typeof DeskCallSchema>;
export type UnitOverride = z.infer<typeof UnitOverrideSchema>;
export type Desk = z.infer<typeof DeskSchema>;
