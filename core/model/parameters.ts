import * as z from 'zod';

/**
 * Version of the model's mathematics. Bump it whenever a change could alter any draw, so that a published
 * forecast names the code that can reproduce it byte for byte.
 */
export const MODEL_VERSION = '3.5.0';

/** The 95th percentile of the standard normal: a 90% range spans ±Z90 standard deviations. */
export const Z90 = 1.6448536269514722;

/**
 * The model's tunable parameters, with their defaults. docs/model.md explains each one and where its
 * default comes from. They are part of the model version: changing a default means bumping MODEL_VERSION.
 */
export const ModelParametersSchema = z
  .strictObject({
    outstandingLogSd: z
      .number()
      .positive()
      .default(0.3)
      .describe('Default sd of log(1 + outstanding votes) when a unit gives no 90% range.'),
    recencyHalfLife: z
      .number()
      .positive()
      .default(2)
      .describe('Batches back at which a batch weighs half as much in the lean of the outstanding votes.'),
    priorBatches: z
      .number()
      .nonnegative()
      .default(8)
      .describe('How many batches the cumulative share counts for when blended with the batch lean.'),
    priorLeanSd: z
      .number()
      .positive()
      .default(0.15)
      .describe('Sd, per candidate on the log scale, of how the outstanding votes may lean unlike the counted ones.'),
    leanSdFloor: z
      .number()
      .positive()
      .default(0.1)
      .describe('Sd, per candidate on the log scale, that the lean keeps however steady the batches were.'),
    priorDriftSd: z
      .number()
      .nonnegative()
      .default(0.2)
      .describe('Prior sd per candidate, log scale, of how far the lean drifts over a whole count (a random walk).'),
    driftPriorSpan: z
      .number()
      .positive()
      .default(0.25)
      .describe('Stretch of the count (share of final votes) at which observed drift weighs as much as the prior.'),
    driftRemainingExponent: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe('How drift still to come scales with the share R left to count: R^e (1 = a random walk, 0 = a step).'),
    estimateErrorLogSd: z
      .number()
      .nonnegative()
      .default(0.3)
      .describe('Sd on log(1 + votes) added to a stated outstanding range: offices state their ranges too narrowly.'),
    remainderErrorShare: z
      .number()
      .nonnegative()
      .default(0.01)
      .describe('Typical miss of an outstanding estimate as a share of the unit\'s expected final votes: a small remainder can still hold a surprise.'),
    remainderMaxLogSd: z
      .number()
      .nonnegative()
      .default(2)
      .describe('Largest sd on log(1 + votes) that a small remainder\'s own error may add.'),
    estimateTrackSpan: z
      .number()
      .positive()
      .default(0.5)
      .describe('Votes counted since the first release, as a share of its outstanding estimate, at which the estimates\' track record weighs half.'),
    estimateTrackMaxFactor: z
      .number()
      .min(1)
      .default(2)
      .describe('Largest factor, either way, by which the track record may correct the outstanding estimates.'),
    unitTrackWeight: z
      .number()
      .nonnegative()
      .default(1)
      .describe('Weight of how far a unit\'s own earlier estimates missed (log-scale rms) in the spread of its outstanding votes.'),
    unitTrackHalfLife: z
      .number()
      .positive()
      .default(2)
      .describe('Releases back at which a unit\'s earlier estimate weighs half as much in its track record.'),
    correctionDoubt: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Chance, in each draw, that a release\'s corrections are themselves wrong and the counts before them stand.'),
    earlyLeanSd: z
      .number()
      .nonnegative()
      .default(1.5)
      .describe('Sd per candidate, log scale, of how the rest of a unit\'s count may lean away from all it has shown, at the start of the race\'s count.'),
    earlyLeanExponent: z
      .number()
      .nonnegative()
      .default(20)
      .describe('How that variance scales with the share R of the race still to count: R^e.'),
    leanTailDegrees: z
      .number()
      .int()
      .min(3)
      .default(3)
      .describe('Degrees of freedom of the Student-t error of the lean, drawn once per draw for all units.'),
    sharedErrorShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe('Share of each unit\'s error variance that is common to all units in a draw.'),
    sharedSwingShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.48)
      .describe('Share of the variance of a race\'s common lean error that comes from a swing per party shared by all races of its election (0 turns it off).'),
    profileBins: z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe('Equal bins of a unit\'s own count (0 to 1) over which the count profile of the lean is fitted.'),
    profileSmoothing: z
      .number()
      .nonnegative()
      .default(0.02)
      .describe('Weight, in units of count, of the random-walk prior that ties each bin of the count profile to its neighbours.'),
    profilePriorUnits: z
      .number()
      .nonnegative()
      .default(2)
      .describe('Other units counted through a bin of the count profile at which it weighs as much as the unit\'s own history.'),
    profileWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Weight of the count profile in the lean of a unit\'s outstanding votes, times its evidence (0 turns it off).'),
    pseudoVotes: z
      .number()
      .positive()
      .default(0.5)
      .describe('Votes added to each candidate in a batch before taking logs, so a zero stays finite.'),
  })
  .meta({ id: 'ModelParameters' });

export type ModelParameters = z.infer<typeof ModelParametersSchema>;

export const DEFAULT_PARAMETERS: ModelParameters = ModelParametersSchema.parse({});
