import type { PublishJob, RunRecord } from '../core/pipeline/records.ts';
import type { PublishJobQueue, PublishJobStore } from '../functions/ports/publish-jobs.ts';
import type { RaceStore } from '../functions/ports/race-store.ts';
import type { RunQueue } from '../functions/ports/run-queue.ts';

/**
 * Puts back on the queue every run that was `queued` or `running` when a dev server with persisted state
 * (`npm run dev -- --data DIR`) stopped: its in-process queue lived in memory and is gone, so nothing
 * else would ever run them. A run that was `running` was cut off by the stop, not by a fault of its own,
 * and starts again from the beginning; its result is the one it would have had, since a run's seed and
 * input are fixed. Each race's runs are queued in the order they were requested. Returns the runs queued.
 */
export async function recoverRuns(store: RaceStore, queue: RunQueue, now: string): Promise<RunRecord[]> {
  const recovered: RunRecord[] = [];
  for (const { race } of await store.listRaces()) {
    const unfinished = (await store.listRuns(race.id))
      .filter((run) => run.status === 'queued' || run.status === 'running')
      .sort((a, b) => Date.parse(a.requestedAt) - Date.parse(b.requestedAt) || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
    for (const run of unfinished) {
      await store.updateRun(run.raceId, run.runId, 'queued', { requeuedAt: now });
      await queue.enqueue({ raceId: run.raceId, runId: run.runId });
      recovered.push(run);
    }
  }
  return recovered;
}

/**
 * Queues again the publish jobs a stopped dev server may have left queued in memory: index.json's, and the
 * summary job of every election an index entry names. Their queued marks are cleared first, or requests
 * would wait for jobs that no longer exist until the marks went stale. Returns the jobs queued.
 */
export async function recoverPublishJobs(jobs: PublishJobStore, jobQueue: PublishJobQueue): Promise<PublishJob[]> {
  const elections = new Set((await jobs.listIndexEntries()).flatMap((entry) => entry.race.election?.id ?? []));
  const queued: PublishJob[] = [{ kind: 'index' }, ...[...elections].sort().map((electionId) => ({ kind: 'summary', electionId }) as const)];
  for (const job of queued) {
    await jobs.startJob(job);
    await jobQueue.enqueue(job);
  }
  return queued;
}
