import type { IndexEntry, PublishJob } from '../../core/pipeline/records.ts';
import type { StoredRace } from '../ports/race-store.ts';
import type { JobRequestDependencies } from './dependencies.ts';

/**
 * Requests a publish job: queues it unless one is queued that has not started (it will see the caller's
 * change). If queueing fails, the queued mark is taken back, so the caller's retry can queue it.
 */
export async function requestPublishJob(deps: JobRequestDependencies, job: PublishJob): Promise<void> {
  if (!(await deps.jobs.requestJob(job, deps.now()))) return;
  try {
    await deps.jobQueue.enqueue(job);
  } catch (error) {
    await deps.jobs.startJob(job).catch(() => undefined);
    throw error;
  }
}

/**
 * Copies what index.json says of the race into its index entry, and requests the index job if the entry
 * changed. `stored` must have been read after the caller's own change, so the newest copy always lands.
 */
export async function refreshIndexEntry(deps: JobRequestDependencies, stored: StoredRace): Promise<void> {
  const entry: IndexEntry = {
    race: stored.race,
    updatedAt: stored.updatedAt,
    releaseCount: stored.releaseCount,
    ...(stored.latestRelease === undefined ? {} : { latestAsOf: stored.latestRelease.asOf }),
    ...(stored.published === undefined ? {} : { publishedRunId: stored.published.runId }),
    revision: stored.revision,
  };
  if (await deps.jobs.putIndexEntry(entry)) await requestPublishJob(deps, { kind: 'index' });
}
