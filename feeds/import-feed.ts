import { formatIssues } from '../core/schemas/index.ts';
import { apFeedTime, apObservations } from './ap/ap-observations.ts';
import { clarityFeedTime, clarityObservations } from './clarity/clarity-observations.ts';
import { csvObservations } from './csv/csv-observations.ts';
import { DEFAULT_TURNOUT, type TurnoutAssumption } from './estimate/outstanding-from-registration.ts';
import { isZip, toBase64 } from './feed-body.ts';
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
 * The snapshots in one file: a recording (a JSON array of { fetchedAt, url?, contentType?, encoding?, body }),
 * one recorded snapshot, or a plain feed file (an AP response, a Clarity detail.xml, detailxml.zip or
 * report as JSON, a CSV), whose own time stands in for the fetch time (none for CSV, whose rows carry their
 * times, nor for Clarity's summary.json, which has none and is read from recordings only).
 * @throws FeedError naming the file and field of anything malformed.
 */
export function snapshotsInFile(format: FeedFormat, content: string | Uint8Array, source: string): FeedSnapshot[] {
  if (typeof content !== 'string' && isZip(content)) {
    if (format !== 'clarity') throw new FeedError(source, `a zip file: only Clarity's detailxml.zip is read, not as ${format}`);
    return [timedClarity({ source, encoding: 'base64', body: toBase64(content) })];
  }
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  if (format === 'clarity' && text.trimStart().startsWith('<')) return [timedClarity({ source, body: text })];
  const json = format === 'csv' && !/^\s*[[{]/.test(text) ? undefined : parseJson(text, source);
  // A JSON array is a recording, or Clarity's summary.json: an array of contests, none a recorded snapshot.
  const summary = format === 'clarity' && Array.isArray(json) && json.length > 0 && !json.some(isRecorded);
  if (Array.isArray(json) && !summary) return json.map((item, index) => recorded(item, `${source}[${index}]`));
  if (isRecorded(json)) return [recorded(json, source)];
  const plain: FeedSnapshot = { source, body: text };
  if (format === 'csv') return [plain];
  return [format === 'ap' ? { ...plain, fetchedAt: apFeedTime(plain) } : timedClarity(plain)];
}

/** A plain Clarity file, timed by its report's Timestamp (a summary.json has none). */
function timedClarity(snapshot: FeedSnapshot): FeedSnapshot {
  const time = clarityFeedTime(snapshot);
  return time === undefined ? snapshot : { ...snapshot, fetchedAt: time };
}

/** Whether a JSON value is a recorded snapshot: an object with `body` and `fetchedAt`. */
function isRecorded(json: unknown): boolean {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && Object.hasOwn(json, 'body') && Object.hasOwn(json, 'fetchedAt');
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
  const { fetchedAt, url, encoding, body } = parsed.data;
  return { source: url === undefined ? source : `${source} (${url})`, fetchedAt, body, ...(url === undefined ? {} : { url }), ...(encoding === undefined ? {} : { encoding }) };
}
