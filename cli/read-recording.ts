import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bodiesInFile, detectFeedFormat } from '../feeds/detect-feed-format.ts';
import { FeedError } from '../feeds/feed-error.ts';
import { importFeed, snapshotsInFile, type FeedFormat } from '../feeds/import-feed.ts';
import type { ImportResult } from '../feeds/snapshots-to-count-files.ts';
import { readText } from './read-count-file.ts';
import { UsageError } from './usage-error.ts';

/** A recorded night, converted: its feed, its count files (one per race) and the import's notes. */
export interface Recording extends ImportResult {
  readonly format: FeedFormat;
  /** The files read, in name order. */
  readonly files: readonly string[];
}

/** The files of a recording: `.json` (recorded snapshots, arrays of them, or plain feed files) and `.csv`. */
const RECORDING_FILE = /\.(json|csv)$/i;

/**
 * Reads a recording folder (what `ballotcast record` writes: one recorded snapshot per fetch, or arrays of
 * them, or plain feed files), in file-name order, and converts it with importFeed. Without `format`, the feed
 * is found from the bodies. Other files (a README) are left alone.
 * @throws UsageError naming the folder, or the file and field, of anything that cannot be read.
 */
export async function readRecording(dir: string, format?: FeedFormat): Promise<Recording> {
  const files = await recordingFiles(dir);
  const texts = await Promise.all(files.map(readText));
  const feed = format ?? detectedFormat(files, texts);
  try {
    const snapshots = files.flatMap((file, index) => snapshotsInFile(feed, texts[index], file));
    return { format: feed, files, ...importFeed(feed, snapshots) };
  } catch (error) {
    if (error instanceof FeedError) throw new UsageError(error.message, error.details);
    throw error;
  }
}

async function recordingFiles(dir: string): Promise<string[]> {
  const kind = await stat(dir).catch(() => undefined);
  if (kind === undefined) throw new UsageError(`${dir}: no such folder; --replay and --recording take a folder of recorded feed snapshots`);
  if (!kind.isDirectory()) throw new UsageError(`${dir}: not a folder; --replay and --recording take a folder of recorded feed snapshots`);
  const names = (await readdir(dir)).filter((name) => RECORDING_FILE.test(name) && !name.startsWith('.')).sort();
  if (names.length === 0) throw new UsageError(`${dir}: no .json or .csv files of recorded feed snapshots in it`);
  return names.map((name) => join(dir, name));
}

function detectedFormat(files: readonly string[], texts: readonly string[]): FeedFormat {
  const detected = detectFeedFormat(files.flatMap((source, index) => bodiesInFile(texts[index]).map((body) => ({ source, body }))));
  if ('format' in detected) return detected.format;
  throw new UsageError(`cannot tell the feed of the recording: ${detected.problem}`, ['name it with --format ap, clarity or csv']);
}
