import { formatIssues } from '../core/schemas/index.ts';
import { apFeedTime, apObservations } from './ap/ap-observations.ts';
import { clarityFeedTime, clarityObservations } from './clarity/clarity-observations.ts';
import { csvObservations } from './csv/csv-observations.ts';
import { DEFAULT_TURNOUT, type TurnoutAssumption } from './estimate/outstanding-from-registration.ts';
import { FeedError } from './feed-error.ts';
import type { RaceObservation } from './observation.ts';
import { RecordedSnapshotSchema, type FeedSnapshot } from './recorded-snapshot.ts';
import { snapshotsToCountFiles, type ImportResult } from './snapshots-to-count-files.ts';

export const FEED_FORMATS = ['ap', 'clarity', 'csv'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface ImportOptions {
  /** Clarity: votes in the race per registered voter, and its 90% range. */
  readonly turnout?: TurnoutAssumption;
}

/**
 * Count files from a night of snapshots of one feed. Snapshots are taken in the order they were fetched
 * (`fetchedAt`; the order given when any has none, as for spreadsheets), then snapshotsToCountFiles.
 * @throws FeedError naming the source and field of anything malformed.
 */
export function importFeed(format: FeedFormat, snapshots: readonly FeedSnapshot[], options: ImportOptions = {}): ImportResult {
  const timed = snapshots.every((snapshot) => snapshot.fetchedAt !== undefined);
  const ordered = timed ? [...snapshots].sort((a, b) => Date.parse(a.fetchedAt as string) - Date.parse(b.fetchedAt as string)) : snapshots;
  return snapshotsToCountFiles(ordered.flatMap((snapshot) => feedObservations(format, snapshot, options)));
}

/** What one snapshot says of each of its races, by the feed's converter. */
export function feedObservations(format: FeedFormat, snapshot: FeedSnapshot, options: ImportOptions = {}): RaceObservation[] {
  if (format === 'ap') return apObservations(snapshot);
  if (format === 'clarity') return clarityObservations(snapshot, options.turnout ?? DEFAULT_TURNOUT);
  return csvObservations(snapshot);
}

/**
 * The snapshots in one file: a recording (a JSON array of { fetchedAt, url?, body }), one recorded snapshot,
 * or a plain feed file (an AP response, a Clarity report as JSON, a CSV), whose own time stands in for the
 * fetch time (none for CSV, whose rows carry their times).
 * @throws FeedError naming the file and field of anything malformed.
 */
export function snapshotsInFile(format: FeedFormat, text: string, source: string): FeedSnapshot[] {
  const json = format === 'csv' && !/^\s*[[{]/.test(text) ? undefined : parseJson(text, source);
  if (Array.isArray(json)) return json.map((item, index) => recorded(item, `${source}[${index}]`));
  if (json !== null && typeof json === 'object' && Object.hasOwn(json, 'body') && Object.hasOwn(json, 'fetchedAt')) return [recorded(json, source)];
  const plain: FeedSnapshot = { source, body: text };
  if (format === 'csv') return [plain];
  return [{ ...plain, fetchedAt: format === 'ap' ? apFeedTime(plain) : clarityFeedTime(plain) }];
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FeedError(source, `not valid JSON: ${(error as Error).message}`);
  }
}

function recorded(item: unknown, source: string): FeedSnapshot {
  const parsed = RecordedSnapshotSchema.safeParse(item);
  if (!parsed.success) throw new FeedError(source, 'not a recorded snapshot { fetchedAt, url?, body }', formatIssues(parsed.error));
  const { fetchedAt, url, body } = parsed.data;
  return { source: url === undefined ? source : `${source} (${url})`, fetchedAt, body };
}
