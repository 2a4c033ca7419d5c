import { forecastRace } from '../../core/forecast-race.ts';
import { defaultSeed, historyDocument, indexDocument } from '../../core/pipeline/documents.ts';
import { historyPoint } from '../../core/pipeline/history-point.ts';
import { publishedKeys } from '../../core/pipeline/published-keys.ts';
import { assembleCountFile } from '../../core/pipeline/release-checks.ts';
import { runSizeProblem } from '../../core/pipeline/run-size.ts';
import type { RunRecord } from '../../core/pipeline/records.ts';
import { canonicalJson, inputHash } from '../../core/provenance/canonical-input.ts';
import { forecastJsonSchema, type Forecast } from '../../core/schemas/index.ts';
import type { RunDependencies } from './dependencies.ts';

/**
 * Computes a run's forecast and publishes it; answers whether it became latest.json.
 * 1. The input (canonical count file) and the run's forecast are written first: both are immutable.
 * 2. DynamoDB decides whether the run may become latest.json (never an older release over a newer one).
 * 3. If a newer run claimed latest.json while this one wrote it, the newer forecast is written back.
 * 4. history.json and index.json are rebuilt from DynamoDB, so they are right whatever order runs end in.
 * Throws whatever a port or the core throws; the caller decides whether that is worth a retry.
 */
export async function computeAndPublish(deps: RunDependencies, run: RunRecord): Promise<'published' | 'superseded'> {
  const { raceId, runId, releaseSeq } = run;
  const stored = await deps.store.getRace(raceId);
  if (stored === undefined) throw new Error(`race ${raceId} is gone`);
  const countFile = assembleCountFile(stored.race, await deps.store.listReleases(raceId, releaseSeq));
  const newest = countFile.releases.at(-1);
  if (newest === undefined) throw new Error(`race ${raceId} has no release ${releaseSeq}`);
  // The API refuses such runs; one queued before a lower cap, or written by hand, is refused here.
  const tooBig = runSizeProblem(newest, stored.race.candidates.length, run.draws);
  if (tooBig !== undefined) throw new Error(`too big for the run function: ${tooBig}`);
  const hash = inputHash(countFile);
  const forecast = forecastRace({ countFile, seed: run.seed ?? defaultSeed(hash), draws: run.draws });
  const json = `${JSON.stringify(forecast, null, 2)}\n`;
  await deps.publisher.putInput(raceId, hash, `${canonicalJson(countFile)}\n`);
  await deps.publisher.putRun(raceId, runId, json);
  const claimed = await deps.store.claimLatest(raceId, releaseSeq, runId);
  if (claimed) {
    await deps.publisher.putLatest(raceId, json);
    await restoreNewerLatest(deps, raceId, runId);
  }
  const publishedAt = deps.now();
  await deps.store.updateRun(raceId, runId, claimed ? 'published' : 'superseded', {
    finishedAt: publishedAt,
    inputHash: hash,
    modelVersion: forecast.modelVersion,
    seed: forecast.seed,
    forecastKey: publishedKeys.run(raceId, runId),
    wroteLatest: claimed,
    ...(claimed ? { history: historyPoint(forecast, runId, publishedAt) } : {}),
  });
  await publishSummaries(deps, raceId);
  deps.logger.info('run finished', { raceId, runId, releaseSeq, claimed, inputHash: hash, ...headline(forecast) });
  return claimed ? 'published' : 'superseded';
}

/** If a newer run claimed latest.json while this one was writing it, puts the newer forecast back. */
async function restoreNewerLatest(deps: RunDependencies, raceId: string, runId: string): Promise<void> {
  const now = await deps.store.getRace(raceId);
  const winner = now?.published?.runId;
  if (winner === undefined || winner === runId) return;
  const newer = await deps.publisher.getRun(raceId, winner);
  if (newer !== undefined) await deps.publisher.putLatest(raceId, newer);
}

/** Rebuilds history.json, index.json and the published schema from the store. */
async function publishSummaries(deps: RunDependencies, raceId: string): Promise<void> {
  const history = historyDocument(raceId, await deps.store.listHistory(raceId));
  await deps.publisher.putHistory(raceId, `${JSON.stringify(history, null, 2)}\n`);
  const races = await deps.store.listRaces();
  const index = indexDocument(
    races.map((stored) => ({
      race: stored.race,
      updatedAt: stored.updatedAt,
      releaseCount: stored.releaseCount,
      latestAsOf: stored.latestRelease?.asOf,
      publishedRunId: stored.published?.runId,
    })),
  );
  await deps.publisher.putIndex(`${JSON.stringify(index, null, 2)}\n`);
  await deps.publisher.putSchema(`${JSON.stringify(forecastJsonSchema(), null, 2)}\n`);
}

function headline(forecast: Forecast) {
  return { winProbability: Object.fromEntries(forecast.candidates.map((c) => [c.id, c.winProbability])) };
}
