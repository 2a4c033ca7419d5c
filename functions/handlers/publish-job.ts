import { MODEL_VERSION } from '../../core/model/parameters.ts';
import { raceOutcomesFromDocument, type RaceOutcomes } from '../../core/night/race-outcomes.ts';
import { summarizeNight } from '../../core/night/summarize-night.ts';
import { indexDocument } from '../../core/pipeline/documents.ts';
import { jointEntries } from '../../core/pipeline/joint-entries.ts';
import type { NightEntry, PublishJob } from '../../core/pipeline/records.ts';
import { forecastJsonSchema, RaceOutcomesDocumentSchema } from '../../core/schemas/index.ts';
import type { PublishJobDependencies } from './dependencies.ts';

/** Outcome documents read at once by a summary job: enough to hide S3's latency, few enough for 1 GB. */
const CONCURRENT_READS = 16;

/**
 * Outcomes kept between jobs by one handler (a warm Lambda, the local pipeline). Their keys name a run, so
 * they never change, and a job reads from S3 only the races that ran since the last one. 2,000 races of
 * 20,000 draws hold about 80 MB.
 */
const CACHED_OUTCOMES = 2000;

/**
 * Runs one coalesced publish job. It first clears the job's queued mark, so any change made from here on
 * requests another job, then reads the entries (consistently) and republishes:
 * - index: index.json from every race's index entry, and the forecast's JSON Schema;
 * - summary: the election's summary.json from the latest night outcomes of its races (those run with one
 *   seed, draw count and model; see jointEntries), combined by summarizeNight.
 * The output depends only on the entries and the documents they point to, so a job run twice writes the
 * same bytes. Throws whatever a port throws; the queue delivers the job again.
 */
export function makePublishJobHandler(deps: PublishJobDependencies): (job: PublishJob) => Promise<void> {
  const cache = new Map<string, RaceOutcomes>();
  return async (job) => {
    await deps.jobs.startJob(job);
    if (job.kind === 'index') await publishIndex(deps);
    else await publishSummary(deps, job.electionId, cache);
  };
}

async function publishIndex(deps: PublishJobDependencies): Promise<void> {
  const entries = await deps.jobs.listIndexEntries();
  await deps.publisher.putIndex(`${JSON.stringify(indexDocument(entries), null, 2)}\n`);
  await deps.publisher.putSchema(`${JSON.stringify(forecastJsonSchema(), null, 2)}\n`);
  deps.logger.info('index published', { races: entries.length });
}

async function publishSummary(deps: PublishJobDependencies, electionId: string, cache: Map<string, RaceOutcomes>): Promise<void> {
  const { joint, leftOut } = jointEntries(electionId, await deps.jobs.listNightEntries(electionId), MODEL_VERSION);
  if (leftOut.length > 0) deps.logger.warn('races left out of the night summary', { electionId, leftOut });
  if (joint.length === 0) return;
  const outcomes = await mapInBatches(joint, CONCURRENT_READS, (entry) => cachedOutcomes(deps, entry, cache));
  const summary = summarizeNight(joint[0].election, outcomes);
  await deps.publisher.putSummary(electionId, `${JSON.stringify(summary, null, 2)}\n`);
  deps.logger.info('night summary published', { electionId, races: joint.length });
}

/** The outcomes of a night entry, from the cache or else from S3 (then kept, the oldest dropped past the bound). */
async function cachedOutcomes(deps: PublishJobDependencies, entry: NightEntry, cache: Map<string, RaceOutcomes>): Promise<RaceOutcomes> {
  const kept = cache.get(entry.outcomesKey);
  if (kept !== undefined) return kept;
  const outcomes = await readOutcomes(deps, entry);
  cache.set(entry.outcomesKey, outcomes);
  if (cache.size > CACHED_OUTCOMES) cache.delete(cache.keys().next().value!);
  return outcomes;
}

/** The outcomes a night entry points to. Throws if they are missing: they are written before the entry. */
async function readOutcomes(deps: PublishJobDependencies, entry: NightEntry): Promise<RaceOutcomes> {
  const text = await deps.publisher.getPublished(entry.outcomesKey);
  if (text === undefined) throw new Error(`race ${entry.raceId}: outcomes ${entry.outcomesKey} are missing`);
  return raceOutcomesFromDocument(RaceOutcomesDocumentSchema.parse(JSON.parse(text)));
}

/** `map` over `items`, at most `size` at a time, results in the items' order. */
async function mapInBatches<Item, Result>(items: readonly Item[], size: number, map: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(map))));
  return results;
}
