import * as z from 'zod';
import { ElectionSchema, RaceSchema } from '../schemas/count-file.ts';
import { IdSchema } from '../schemas/ids.ts';
import { textSchema } from '../schemas/text.ts';
import { RUN_ID_PATTERN } from './published-keys.ts';

/** A run id, as the API makes them; it becomes part of S3 and DynamoDB keys. */
export const RunIdSchema = z.string().regex(RUN_ID_PATTERN, { error: 'expected a run id: 1 to 80 letters, digits and hyphens' });

/** What a forecaster may ask of a run (POST /races/{raceId}/runs). Strict: a typo is an error. */
export const RunRequestSchema = z
  .strictObject({
    draws: z.number().int().min(1).max(200_000).optional().describe('Monte Carlo draws; default 20000, or as many as fit the cap on a run\'s work (docs/runs.md).'),
    seed: textSchema('a seed', 100).optional().describe('Seed; default derived from the input, so a rerun repeats.'),
    releaseIndex: z.number().int().nonnegative().optional().describe('Zero-based release to forecast; default the newest.'),
  })
  .meta({ id: 'RunRequest', description: 'A request for a forecast run.' });

/**
 * queued → running → published | superseded (a newer release's run holds latest.json) | failed (with its
 * error; not retried) | timed-out (still running at its deadline: the function was stopped). A transient
 * failure puts a run back to queued, with its retryError, until the queue delivers it again.
 */
export const RunStatusSchema = z.enum(['queued', 'running', 'published', 'superseded', 'failed', 'timed-out']);

/** One point of history.json: a published run, small enough for a chart of a whole night. */
export const HistoryPointSchema = z.object({
  runId: z.string(),
  asOf: z.string(),
  releaseIndex: z.number().int().nonnegative(),
  publishedAt: z.string(),
  winProbability: z.record(IdSchema, z.number()).describe('Each candidate\'s winProbability, by candidate id.'),
  runoffProbability: z.number().optional(),
  margin: z.object({
    between: z.tuple([IdSchema, IdSchema]),
    p05: z.number(),
    p50: z.number(),
    p95: z.number(),
  }),
  votesCounted: z.number().optional(),
  votesOutstandingExpected: z.number().optional(),
});

/** A run as the store keeps it, and as GET /races/{raceId}/runs/{runId} returns it. */
export const RunRecordSchema = z.object({
  raceId: IdSchema,
  runId: RunIdSchema,
  releaseSeq: z.number().int().nonnegative(),
  draws: z.number().int().positive(),
  seed: z.string().optional(),
  status: RunStatusSchema,
  trigger: z.enum(['release', 'request', 'desk']),
  requestedAt: z.string(),
  startedAt: z.string().optional(),
  /** When a running run must have finished: its start plus the time its function has left. */
  deadline: z.string().optional(),
  /** Which delivery of its queue message is (or was last) running it; 1 is the first. */
  attempt: z.number().int().positive().optional(),
  finishedAt: z.string().optional(),
  /** Why the run failed or timed out. */
  error: z.string().optional(),
  /** When a restarted local dev server put the run, unfinished when it stopped, back on its queue. */
  requeuedAt: z.string().optional(),
  /** Why the latest attempt that failed transiently (throttling, network, a 5xx) failed; it was retried. */
  retryError: z.string().optional(),
  inputHash: z.string().optional(),
  modelVersion: z.string().optional(),
  /** Where the run's forecast is published, relative to the public base URL. */
  forecastKey: z.string().optional(),
  /** Whether this run's forecast is (or was) the race's latest.json. */
  wroteLatest: z.boolean().optional(),
  /** The run's point in history.json, once it is published. */
  history: HistoryPointSchema.optional(),
  /**
   * A run of a race of an election with the night's seed and draws (a release's own run): it publishes its
   * seat winner per draw, and the election's summary takes it in.
   */
  joinsNight: z.boolean().optional(),
  /** Where a night run's RaceOutcomes document is published, relative to the public base URL. */
  outcomesKey: z.string().optional(),
});

/** The message on the run queue: enough to find the run record. */
export const RunRequestMessageSchema = z.strictObject({ raceId: IdSchema, runId: RunIdSchema });

/**
 * What index.json says of one race, kept as an item of its own (docs/storage.md), copied from the race item
 * at `revision` (StoredRace.revision): a copy never replaces one of a later revision.
 */
export const IndexEntrySchema = z.object({
  race: RaceSchema,
  updatedAt: z.string(),
  releaseCount: z.number().int().nonnegative(),
  latestAsOf: z.string().optional(),
  publishedRunId: z.string().optional(),
  revision: z.number().int().nonnegative(),
});

/** The latest night run of a race of an election: where its outcomes are, and what they were run with. */
export const NightEntrySchema = z.object({
  raceId: IdSchema,
  election: ElectionSchema,
  releaseSeq: z.number().int().nonnegative(),
  runId: RunIdSchema,
  outcomesKey: z.string(),
  seed: z.string(),
  draws: z.number().int().positive(),
  modelVersion: z.string(),
});

/**
 * A job of the publish queue: rebuild index.json, or an election's summary.json. Many requests for one job
 * collapse into one queued job (docs/storage.md, "Coalesced jobs").
 */
export const PublishJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('index') }),
  z.strictObject({ kind: z.literal('summary'), electionId: IdSchema }),
]);

export type IndexEntry = z.infer<typeof IndexEntrySchema>;
export type NightEntry = z.infer<typeof NightEntrySchema>;
export type PublishJob = z.infer<typeof PublishJobSchema>;
export type RunRequest = z.infer<typeof RunRequestSchema>;
export type RunStatus = z.infer<typeof RunStatusSchema>;
export type RunRecord = z.infer<typeof RunRecordSchema>;
export type RunRequestMessage = z.infer<typeof RunRequestMessageSchema>;
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;
