import { FEED_FORMATS, type FeedFormat } from '../../feeds/import-feed.ts';
import { flagValue } from './flag-value.ts';

/** A recording folder and its feed, from `--replay DIR` (npm run dev) or `--recording DIR` (npm run demo). */
export interface RecordingFlags {
  readonly dir: string;
  /** Found from the recording's bodies when not given. */
  readonly format?: FeedFormat;
}

/** `--replay DIR [--format ap|clarity|csv] [--speed N]` of npm run dev. */
export interface ReplayFlags extends RecordingFlags {
  /** How many times faster than it happened. */
  readonly speed: number;
}

export const DEFAULT_REPLAY_SPEED = 60;
const RECORDING = 'examples/recordings/la-mayor-2022-ap';

/**
 * `--FLAG DIR [--format ap|clarity|csv]`, or undefined without --FLAG.
 * @throws Error with a message for the person at the terminal: a flag without its value, an unknown feed,
 * --format without --FLAG.
 */
export function recordingFlags(argv: readonly string[], flag: 'replay' | 'recording', example: string): RecordingFlags | undefined {
  const dir = flagValue(argv, flag);
  const format = flagValue(argv, 'format');
  if (dir === undefined) {
    if (format !== undefined) throw new Error(`--format goes with --${flag} DIR, e.g. ${example}`);
    return undefined;
  }
  if (dir === '') throw new Error(`--${flag} needs a folder of recorded feed snapshots, e.g. ${example}`);
  return { dir, ...(format === undefined ? {} : { format: feedFormat(format) }) };
}

/**
 * The replay flags of npm run dev, or undefined without --replay.
 * @throws Error as recordingFlags, and for a speed that is not a number above 0, --speed without --replay,
 * or --replay with --play.
 */
export function replayFlags(argv: readonly string[]): ReplayFlags | undefined {
  const example = `npm run dev -- --replay ${RECORDING} --speed 3600`;
  const recording = recordingFlags(argv, 'replay', example);
  const speed = flagValue(argv, 'speed');
  if (recording === undefined) {
    if (speed !== undefined) throw new Error(`--speed goes with --replay DIR, e.g. ${example}`);
    return undefined;
  }
  if (argv.some((argument) => argument === '--play' || argument.startsWith('--play='))) {
    throw new Error('--replay and --play go one at a time: --play posts the LA example, --replay a recording');
  }
  return { ...recording, speed: speed === undefined ? DEFAULT_REPLAY_SPEED : replaySpeed(speed) };
}

/** The flags of npm run demo: `--recording DIR [--format F]`, or undefined for the embedded LA example. */
export function demoFlags(argv: readonly string[]): RecordingFlags | undefined {
  return recordingFlags(argv, 'recording', `npm run demo -- --recording ${RECORDING}`);
}

function feedFormat(text: string): FeedFormat {
  if ((FEED_FORMATS as readonly string[]).includes(text)) return text as FeedFormat;
  throw new Error(text === '' ? '--format needs a feed: ap, clarity or csv' : `--format ${text}: expected ap, clarity or csv`);
}

function replaySpeed(text: string): number {
  const speed = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  const what = 'how many times faster than it happened, a number above 0, e.g. --speed 60 (an hour a minute)';
  if (text === '') throw new Error(`--speed needs ${what}`);
  if (!(speed > 0 && Number.isFinite(speed))) throw new Error(`--speed ${text}: expected ${what}`);
  return speed;
}
