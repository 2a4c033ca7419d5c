import type { IndexEntry, NightEntry, PublishJob } from '../../core/pipeline/records.ts';

/**
 * How long a requested job may stay queued before another request queues it again: a job whose message was
 * lost (its send failed, or it was dead-lettered) would otherwise hold every later request back for ever.
 */
export const PUBLISH_JOB_STALE_MS = 5 * 60_000;

/**
 * What the coalesced publish jobs read and how they are requested (DynamoDB in AWS and locally; see
 * docs/storage.md, "Coalesced jobs"). A run writes its race's entries, each a constant-size write however
 * many races there are, then requests the job that republishes from them; requests while a job is queued
 * collapse into it.
 */
export interface PublishJobStore {
  /** Stores the race's index entry unless one of a later revision is stored; answers whether it was stored. */
  putIndexEntry(entry: IndexEntry): Promise<boolean>;
  /** Every race's index entry, read consistently (none can be missed), in race-id order. */
  listIndexEntries(): Promise<IndexEntry[]>;
  /** Points the race's night entry at a night run unless one for a later release is stored; answers whether it did. */
  putNightEntry(entry: NightEntry): Promise<boolean>;
  /** The latest night run of every race of the election, read consistently, in race-id order. */
  listNightEntries(electionId: string): Promise<NightEntry[]>;
  /**
   * Marks the job as queued at `now`. True when the caller must queue it: none was queued, or the one
   * queued is older than PUBLISH_JOB_STALE_MS. False when a queued job, which has not started yet, will
   * see the caller's change.
   */
  requestJob(job: PublishJob, now: string): Promise<boolean>;
  /** Clears the job's queued mark. A job does this first, so a change made after it starts requests a new job. */
  startJob(job: PublishJob): Promise<void>;
}

/**
 * Where publish jobs wait: an SQS FIFO queue in AWS, one message group per job (index.json, or one
 * election), so two jobs of one kind never run at once; an in-process queue locally.
 */
export interface PublishJobQueue {
  enqueue(job: PublishJob): Promise<void>;
}
