import * as z from 'zod';
import { RuleSchema } from './count-file.ts';
import { IdSchema } from './ids.ts';

const Probability = z.number().min(0).max(1);

const Quantiles3 = z
  .object({ mean: z.number(), p05: z.number(), p50: z.number(), p95: z.number() })
  .meta({ id: 'Quantiles', description: 'Mean and 5th, 50th and 95th percentiles over the draws.' });

const Quantiles5 = z
  .object({
    mean: z.number(),
    p05: z.number(),
    p25: z.number(),
    p50: z.number(),
    p75: z.number(),
    p95: z.number(),
  })
  .meta({ id: 'MarginQuantiles', description: 'Mean and 5th, 25th, 50th, 75th and 95th percentiles over the draws.' });

export const PathToVictorySchema = z
  .object({
    leader: IdSchema.describe('The candidate with the most votes counted at asOf (the first listed on a tie).'),
    votesBehind: z.number().int().nonnegative().describe("The leader's counted votes less this candidate's."),
    shareNeeded: z
      .number()
      .nonnegative()
      .describe(
        "Share of the expected outstanding votes (votesOutstanding.expected) this candidate needs to draw level with the leader, if the other candidates take their counted share of them; more wins. Deterministic: no draws.",
      ),
    reachable: z.boolean().describe('False when drawing level would need more than the leader and this candidate will get between them.'),
  })
  .meta({
    id: 'PathToVictory',
    description: 'What a trailing candidate needs from the votes still to count; absent for the leader and when nothing is expected to be outstanding.',
  });

export const CandidateForecastSchema = z
  .object({
    id: IdSchema,
    name: z.string().optional(),
    winProbability: Probability.describe('Share of draws the candidate wins (plurality) or finishes first (majority, top-two).'),
    outrightProbability: Probability.optional().describe('Majority rule: share of draws won without a runoff.'),
    advanceProbability: Probability.optional().describe('Majority: wins outright or makes the runoff. Top-two: finishes in the top two.'),
    voteShare: Quantiles3.describe('Final share of all votes in the race, in [0, 1].'),
    votes: Quantiles3.describe('Final votes, rounded to whole votes.'),
    votesCounted: z.number().int().nonnegative().optional().describe('Votes counted so far at asOf.'),
    pathToVictory: PathToVictorySchema.optional(),
  })
  .meta({ id: 'CandidateForecast' });

export const MarginSchema = z
  .object({
    between: z.tuple([IdSchema, IdSchema]).describe('The two candidates with the highest expected final vote, first minus second.'),
    votes: Quantiles5.describe('Final margin in votes.'),
    share: Quantiles5.describe('Final margin as a fraction of all votes in the race, in [-1, 1].'),
    histogram: z
      .object({
        of: z.literal('share').optional(),
        binEdges: z.array(z.number()).describe('Ascending bin edges of the margin share; one more than counts.'),
        counts: z.array(z.number().int().nonnegative()).describe('Draws in each bin; the last bin includes its upper edge.'),
      })
      .meta({ id: 'MarginHistogram' }),
  })
  .meta({ id: 'Margin' });

export const ForecastCallSchema = z
  .object({
    candidate: IdSchema.describe('The candidate declared the winner.'),
    by: z.string().describe('Who made the call, e.g. "AP".'),
    at: z.string().describe('When the call was made, or first seen in the feed, as an ISO 8601 date-time.'),
    note: z.string().optional().describe("The desk's note on its call."),
    source: z.literal('desk').optional().describe('"desk" for the newsroom desk\'s own call (desk.calls of the count file); absent for the feed\'s call (release.call).'),
  })
  .meta({
    id: 'ForecastCall',
    description:
      "The race call standing at this release: the desk's own, or else the feed's. The race's probabilities stay the model's own; the election's summary counts the race as decided.",
  });

export const ForecastSchema = z
  .object({
    schemaVersion: z.literal(1),
    raceId: IdSchema,
    raceName: z.string().optional(),
    asOf: z.string().describe('The release this forecast is for, as an ISO 8601 date-time.'),
    release: z
      .object({ index: z.number().int().nonnegative(), label: z.string().optional() })
      .optional()
      .describe('Zero-based index of the release in the count file, and its label if it has one.'),
    rule: RuleSchema.optional(),
    winProbabilityMeans: z.enum(['wins the race', 'finishes first']).optional(),
    draws: z.number().int().positive(),
    seed: z.string(),
    modelVersion: z.string(),
    inputHash: z.string().startsWith('sha256:').describe('sha256: and the hex SHA-256 of the canonical input (RFC 8785 JSON).'),
    input: z
      .string()
      .optional()
      .describe('Key, relative to the published base, of the canonical count file this forecast was computed from.'),
    candidates: z.array(CandidateForecastSchema),
    runoffProbability: Probability.optional().describe('Majority rule: share of draws where nobody wins outright.'),
    margin: MarginSchema,
    votesCounted: z.number().int().nonnegative().optional().describe('All votes counted so far at asOf.'),
    votesOutstanding: z
      .object({ expected: z.number().nonnegative(), mean: z.number(), p05: z.number(), p50: z.number(), p95: z.number() })
      .optional()
      .describe('Outstanding votes: the input estimate, and the spread the model drew around it.'),
    monteCarloError: z.number().nonnegative().describe('Largest standard error of any reported probability, from the number of draws.'),
    call: ForecastCallSchema.optional().describe("The race call standing at this release, when the count file has one (the desk's wins over the feed's); shown beside the probabilities, never used by them."),
  })
  .meta({ id: 'Forecast', description: 'One ballotcast forecast for one race at one release.' });

export type PathToVictory = z.infer<typeof PathToVictorySchema>;
export type CandidateForecast = z.infer<typeof CandidateForecastSchema>;
export type Margin = z.infer<typeof MarginSchema>;
export type Forecast = z.infer<typeof ForecastSchema>;
export type ForecastCall = z.infer<typeof ForecastCallSchema>;
