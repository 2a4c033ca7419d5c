import type { Desk, DeskEntry, Race, Release } from '../../core/schemas/index.ts';

export type { DeskEntry } from '../../core/schemas/index.ts';
import type { RunRecord, RunStatus, HistoryPoint } from '../../core/pipeline/records.ts';

/**
 * The largest release a store must keep, in bytes of compact JSON. A release is one DynamoDB item, at most
 * 400 KB (409,600 bytes) of attribute names and values; measured on DynamoDB Local, JSON is larger than the
 * item it becomes (docs/storage.md), so 350,000 bytes leaves room for the item's keys, hash and times.
 */
export const MAX_RELEASE_JSON_BYTES = 350_000;
/** The largest race (name, rule, candidates) a store must keep, in bytes of compact JSON; far above real ones. */
export const MAX_RACE_JSON_BYTES = 100_000;

/** The most calls, and the most overrides, a race keeps: each list lives in the race item (400 KB in all). */
export const MAX_DESK_ENTRIES = 100;

export type RecordDeskEntryResult =
  | { readonly kind: 'stored' }
  | { readonly kind: 'unknown-race' }
  | { readonly kind: 'full' | 'too-large'; readonly reason: string };

/** A race as stored, with the pointers the API's guarantees rest on. */
export interface StoredRace {
  readonly race: Race;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Number of releases stored; the next release gets this as its sequence number (0-based). */
  readonly releaseCount: number;
  /**
   * Goes up by one with every change of the race item (created, renamed, a release appended, latest.json
   * claimed), so a copy made from a read can tell whether it is older than another (the index entries).
   */
  readonly revision: number;
  /** asOf and canonical hash of the newest release, for idempotency; absent before the first. */
  readonly latestRelease?: { readonly seq: number; readonly asOf: string; readonly hash: string };
  /** The run whose forecast is in latest.json, and its release sequence number. */
  readonly published?: { readonly seq: number; readonly runId: string };
  /** The desk's calls and overrides, in the order recorded; absent before the first. */
  readonly desk?: Desk;
}

export type PutRaceResult =
  | { readonly kind: 'created' | 'updated' | 'unchanged'; readonly stored: StoredRace }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'too-large'; readonly reason: string };

export type AppendReleaseResult =
  | { readonly kind: 'stored' | 'duplicate'; readonly seq: number }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'too-large'; readonly reason: string }
  | { readonly kind: 'unknown-race' };

/**
 * Where races, releases and runs live (DynamoDB in AWS and locally; see docs/storage.md). Every write that
 * the API promises something about is conditional, so concurrent callers cannot break the promise.
 */
export interface RaceStore {
  getRace(raceId: string): Promise<StoredRace | undefined>;
  /**
   * Creates a race, or updates its name. Candidates and rule may change only while it has no releases;
   * otherwise the result is a conflict. Writing the same race again is 'unchanged'. A race too large for
   * the store is 'too-large' (nothing written).
   */
  putRace(race: Race, now: string): Promise<PutRaceResult>;
  /**
   * Appends a release as number `expectedSeq` (the race's releaseCount when the caller read it), in one
   * transaction with the race's pointers. The same asOf and hash as the newest release is a 'duplicate'
   * (nothing written). A concurrent append, or an asOf not after the newest, is a 'conflict' with a reason.
   * A release too large for the store is 'too-large' (nothing written); callers refuse releases above
   * MAX_RELEASE_JSON_BYTES before this, so that is a last line of defence.
   * `current` is the race as the caller read it, if it did, to save the store reading it again: the write's
   * own condition still holds the release to `expectedSeq`.
   */
  appendRelease(raceId: string, release: Release, hash: string, expectedSeq: number, now: string, current?: StoredRace): Promise<AppendReleaseResult>;
  /**
   * The stored release whose asOf is exactly `asOf` (as written), as its sequence number and canonical hash;
   * undefined if there is none. Lets a resent older release be told apart from one out of order.
   */
  findRelease(raceId: string, asOf: string): Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  /**
   * Appends a desk call or override to the race's list of them (kept with the race, so a run reads them with
   * the race). 'full' when the list holds MAX_DESK_ENTRIES already; nothing is written unless 'stored'.
   */
  recordDeskEntry(raceId: string, entry: DeskEntry, now: string): Promise<RecordDeskEntryResult>;
  /** One release by its sequence number, or undefined. */
  getRelease(raceId: string, seq: number): Promise<Release | undefined>;
  /** Releases 0..throughSeq (all when omitted), in order. */
  listReleases(raceId: string, throughSeq?: number): Promise<Release[]>;
  /**
   * The race and its releases 0..throughSeq, in order, read together for a run; undefined if there is no
   * such race. Stored releases never change, so a store may keep them between calls and answer the same
   * objects again: they are frozen, and must be treated as read-only.
   */
  getRaceWithReleases(raceId: string, throughSeq: number): Promise<{ readonly stored: StoredRace; readonly releases: readonly Release[] } | undefined>;
  /** Creates a run record; fails if the run id exists. */
  createRun(run: RunRecord): Promise<void>;
  getRun(raceId: string, runId: string): Promise<RunRecord | undefined>;
  /** Every run of the race, in the order of their ids (by release, then time). */
  listRuns(raceId: string): Promise<RunRecord[]>;
  /**
   * Moves a queued run to running with `fields`, in one conditional write, so that two deliveries of its
   * message cannot both start it. Answers the run as started, or undefined if it was not queued (unknown,
   * already running, or ended: read it with getRun to know which).
   */
  startRun(raceId: string, runId: string, fields: Partial<RunRecord>): Promise<RunRecord | undefined>;
  /** Moves a run to a new status, with what that status carries (error, forecast summary, timestamps). */
  updateRun(raceId: string, runId: string, status: RunStatus, fields: Partial<RunRecord>): Promise<void>;
  /**
   * Claims latest.json for a run: succeeds only if its release is newer than the published one, or the same
   * release (a rerun). This is where "latest never goes backwards" is decided.
   */
  claimLatest(raceId: string, seq: number, runId: string): Promise<boolean>;
  /** Every race (the local dev server re-queues their unfinished runs after a restart; index.json is built from index entries). */
  listRaces(): Promise<StoredRace[]>;
  /** The history points of the race's published runs, ordered by release then completion. */
  listHistory(raceId: string): Promise<HistoryPoint[]>;
}
