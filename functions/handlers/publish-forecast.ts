import { forecastRace, forecastRaceWithOutcomes } from '../../core/forecast-race.ts';
import { raceOutcomesDocument, type RaceOutcomes } from '../../core/night/race-outcomes.ts';
import { defaultSeed } from '../../core/pipeline/default-seed.ts';
import { historyDocument } from '../../core/pipeline/documents.ts';
import { historyPoint } from '../../core/pipeline/history-point.ts';
import { publishedKeys } from '../../core/pipeline/published-keys.ts';
import { assembleCountFile } from '../../core/pipeline/release-checks.ts';
import { runSizeProblem } from '../../core/pipeline/run-size.ts';
import type { RunRecord } from '../../core/pipeline/records.ts';
import { canonicalJson, countFileAsOf, hashOfCanonicalJson } from '../../core/provenance/canonical-input.ts';
import type { CountFile, Forecast } from '../../core/schemas/index.ts';
import type { StoredRace } from '../ports/race-store.ts';
import type { RunDependencies } from './dependencies.ts';
import { refreshIndexEntry, requestPublishJob } from './request-publish-job.ts';

/**
 * Computes a run's forecast and publishes it; answers whether it became latest.json.
 * 1. The input (canonical count file) and the run's forecast are written first: both are immutable.
 * 2. DynamoDB decides whether the run may become latest.json (never an older release over a newer one).
 * 3. If a newer run claimed latest.json while this one wrote it, the newer forecast is written back.
 * 4. A night run (run.joinsNight) publishes its seat winner per draw and points its race's night entry at
 *    them, and requests its election's summary job.
 * 5. history.json is rebuilt from DynamoDB, and the race's index entry is refreshed from the race item,
 *    which requests the index.json job: so they are right whatever order runs end in, and the run's cost
 *    does not grow with the number of races.
 * Throws whatever a port or the core throws; the caller decides whether that is worth a retry.
 */
export async function computeAndPublish(deps: RunDependencies, run: RunRecord): Promise<'published' | 'superseded'> {
  const { raceId, runId, releaseSeq } = run;
  let read = await deps.store.getRaceWithReleases(raceId, releaseSeq);
  if (read === undefined) throw new Error(`race ${raceId} is gone`);
  // With desk entries, the release after the run's (when stored) tells which came after it (countFileAsOf).
  if (read.stored.desk !== undefined) read = (await deps.store.getRaceWithReleases(raceId, releaseSeq + 1)) ?? read;
  if (read.releases.length <= releaseSeq) throw new Error(`race ${raceId} has no release ${releaseSeq}`);
  const countFile = countFileAsOf(assembleCountFile(read.stored.race, read.releases, read.stored.desk), releaseSeq);
  const newest = countFile.releases[releaseSeq];
  // The API refuses such runs; one queued before a lower cap, or written by hand, is refused here.
  const tooBig = runSizeProblem(newest, read.stored.race.candidates.length, run.draws);
  if (tooBig !== undefined) throw new Error(`too big for the run function: ${tooBig}`);
  const input = canonicalJson(countFile);
  const hash = hashOfCanonicalJson(input);
  const { forecast, outcomes } = simulate(run, countFile);
  const json = `${JSON.stringify(forecast, null, 2)}\n`;
  // Immutable objects, none of which depends on another: written at once, all before latest.json is claimed.
  const [outcomesKey] = await Promise.all([
    outcomes === undefined ? undefined : publishOutcomes(deps, run, outcomes),
    deps.publisher.putInput(raceId, hash, `${input}\n`),
    deps.publisher.putRun(raceId, runId, json),
  ]);
  const claimed = await deps.store.claimLatest(raceId, releaseSeq, runId);
  if (claimed) await deps.publisher.putLatest(raceId, json);
  // Read once after the claim: for latest.json's check, and for the index entry (a copy after this run's change).
  const afterClaim = await deps.store.getRace(raceId);
  if (claimed) await restoreNewerLatest(deps, raceId, runId, afterClaim);
  const publishedAt = deps.now();
  await deps.store.updateRun(raceId, runId, claimed ? 'published' : 'superseded', {
    finishedAt: publishedAt,
    inputHash: hash,
    modelVersion: forecast.modelVersion,
    seed: forecast.seed,
    forecastKey: publishedKeys.run(raceId, runId),
    wroteLatest: claimed,
    ...(outcomesKey === undefined ? {} : { outcomesKey }),
    ...(claimed ? { history: historyPoint(forecast, runId, publishedAt) } : {}),
  });
  if (outcomes !== undefined && outcomesKey !== undefined) await joinNight(deps, run, countFile, outcomes, outcomesKey);
  await publishHistoryAndIndexEntry(deps, raceId, afterClaim);
  deps.logger.info('run finished', { raceId, runId, releaseSeq, claimed, inputHash: hash, ...headline(forecast) });
  return claimed ? 'published' : 'superseded';
}

/** If a newer run claimed latest.json while this one was writing it, puts the newer forecast back. */
async function restoreNewerLatest(deps: RunDependencies, raceId: string, runId: string, now: StoredRace | undefined): Promise<void> {
  const winner = now?.published?.runId;
  if (winner === undefined || winner === runId) return;
  const newer = await deps.publisher.getRun(raceId, winner);
  if (newer !== undefined) await deps.publisher.putLatest(raceId, newer);
}

/** The forecast, and for a night run of a race of an election, its seat winner per draw. */
function simulate(run: RunRecord, countFile: CountFile): { forecast: Forecast; outcomes?: RaceOutcomes } {
  const request = { countFile, seed: run.seed ?? defaultSeed(countFile), draws: run.draws };
  if (run.joinsNight === true && countFile.race.election !== undefined) return forecastRaceWithOutcomes(request);
  return { forecast: forecastRace(request) };
}

/** Publishes a night run's outcomes under its election; the key never changes, like the run's forecast. */
async function publishOutcomes(deps: RunDependencies, run: RunRecord, outcomes: RaceOutcomes): Promise<string> {
  await deps.publisher.putOutcomes(outcomes.electionId, run.raceId, run.runId, `${JSON.stringify(raceOutcomesDocument(outcomes))}\n`);
  return publishedKeys.outcomes(outcomes.electionId, run.raceId, run.runId);
}

/**
 * Points the race's night entry at this run's outcomes, unless a run of a later release got there first,
 * and requests the election's summary job.
 */
async function joinNight(deps: RunDependencies, run: RunRecord, countFile: CountFile, outcomes: RaceOutcomes, outcomesKey: string): Promise<void> {
  const election = countFile.race.election!;
  const { seed, draws, modelVersion } = outcomes;
  const entry = { raceId: run.raceId, election, releaseSeq: run.releaseSeq, runId: run.runId, outcomesKey, seed, draws, modelVersion };
  if (await deps.jobs.putNightEntry(entry)) await requestPublishJob(deps, { kind: 'summary', electionId: election.id });
}

/** Rebuilds history.json from the store, and the race's index entry from its race item. */
async function publishHistoryAndIndexEntry(deps: RunDependencies, raceId: string, stored: StoredRace | undefined): Promise<void> {
  const history = historyDocument(raceId, await deps.store.listHistory(raceId));
  await deps.publisher.putHistory(raceId, `${JSON.stringify(history, null, 2)}\n`);
  if (stored !== undefined) await refreshIndexEntry(deps, stored);
}

function headline(forecast: Forecast) {
  return { winProbability: Object.fromEntries(forecast.candidates.map((c) => [c.id, c.winProbability])) };
}
