import { z } from 'zod';

/**
 * Version of the model's mathematics. Bump it whenever a change could alter any draw, so that a published
 * forecast names the code that can reproduce it byte for byte.
 */
export const MODEL_VERSION = '1.0.0';

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
      .default(2)
      .describe('How many batches the cumulative share counts for when blended with the batch lean.'),
    priorLeanSd: z
      .number()
      .positive()
      .default(0.2)
      .describe('Sd, per candidate on the log scale, of how the outstanding votes may lean unlike the counted ones.'),
    leanSdFloor: z
      .number()
      .nonnegative()
      .default(0.05)
      .describe('Sd, per candidate on the log scale, that the lean keeps however steady the batches were.'),
    sharedErrorShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Share of each unit\'s error variance that is common to all units in a draw.'),
    pseudoVotes: z
      .number()
      .positive()
      .default(0.5)
      .describe('Votes added to each candidate in a batch before taking logs, so a zero stays finite.'),
  })
  .meta({ id: 'ModelParameters' });

export type ModelParameters = z.infer<typeof ModelParametersSchema>;

export const DEFAULT_PARAMETERS: ModelParameters = ModelParametersSchema.parse({});
