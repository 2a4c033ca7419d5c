import { setTimeout as delay } from 'node:timers/promises';
import { FeedError } from '../../feeds/feed-error.ts';
import type { FeedSource } from '../../feeds/poll/feed-source.ts';
import type { PollState } from '../../feeds/poll/poll-state.ts';
import { waitAfter, type FetchVerdict, type PollTiming } from '../../feeds/poll/poll-timing.ts';
import type { RecordedSnapshot } from '../../feeds/recorded-snapshot.ts';
import type { FeedFetcher } from './fetch-feed.ts';
import { pollOnce } from './poll-once.ts';

/** A feed answered in a way that waiting cannot mend (401 bad key, 404): polling stops. */
export class FeedRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedRefusedError';
  }
}

export interface PollLoopOptions {
  readonly source: FeedSource;
  readonly timing: PollTiming;
  readonly fetcher: FeedFetcher;
  /** Milliseconds since the epoch. */
  readonly clock?: () => number;
  /** Waits `ms`, or less if `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Ctrl-C: stops between polls, or ends the wait for the next one. */
  readonly signal?: AbortSignal;
  /** Stop after this many polls (each try counts, failed or not). */
  readonly maxPolls?: number;
  /** Stop once this time (ms since the epoch) has passed. */
  readonly untilMs?: number;
  readonly state?: PollState;
  /**
   * Called with each snapshot the feed served (`new`, or `seen` again). The poll state moves on only once
   * it resolves; if it throws (the API was down), the poll is made again after the retry wait. A FeedError
   * (a snapshot the converter refuses) ends the loop.
   */
  readonly onSnapshot: (snapshot: RecordedSnapshot, kind: 'new' | 'seen') => Promise<void>;
  /** Waits and retries, in words, for the operator. */
  readonly onNotice?: (message: string) => void;
}

export type StopReason = 'signal' | 'max-polls' | 'until';

/**
 * Polls a feed until stopped: by the signal, after `maxPolls` polls, or after `untilMs`. Polls start at
 * least `timing.intervalMs` apart, longer after a quota refusal (Retry-After, else AP's documented wait) or
 * a failure (a timeout, a 5xx), so it never polls faster than the feed allows.
 * @throws FeedRefusedError when the feed answers with a status that waiting cannot mend.
 */
export async function runPollLoop(options: PollLoopOptions): Promise<{ polls: number; state: PollState; stoppedBy: StopReason }> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const notice = options.onNotice ?? (() => {});
  let state = options.state ?? {};
  let polls = 0;
  for (;;) {
    const stop = stopReason(options, polls, clock());
    if (stop !== undefined) return { polls, state, stoppedBy: stop };
    const startedMs = clock();
    const step = await pollOnce(options.source, state, options.timing, { fetcher: options.fetcher, clock });
    polls += 1;
    let verdict = step.verdict;
    if (verdict.kind === 'fatal') throw new FeedRefusedError(`${options.source.id}: ${verdict.reason}`);
    if (step.finding !== undefined && step.finding.kind !== 'no-change') {
      try {
        await options.onSnapshot(step.finding.snapshot, step.finding.kind);
        state = step.state;
      } catch (error) {
        if (error instanceof FeedError) throw error;
        verdict = { kind: 'retry', reason: `could not pass the snapshot on: ${(error as Error).message}` };
      }
    } else {
      state = step.state;
    }
    const waitMs = waitAfter(options.timing, verdict);
    if (verdict.kind !== 'ok') notice(describeWait(verdict, waitMs));
    const untilLeft = options.untilMs === undefined ? Number.POSITIVE_INFINITY : options.untilMs - clock();
    const remaining = Math.min(startedMs + waitMs - clock(), untilLeft);
    if (remaining > 0 && stopReason(options, polls, clock()) === undefined) await sleep(remaining, options.signal);
  }
}

function stopReason(options: PollLoopOptions, polls: number, nowMs: number): StopReason | undefined {
  if (options.signal?.aborted === true) return 'signal';
  if (options.maxPolls !== undefined && polls >= options.maxPolls) return 'max-polls';
  if (options.untilMs !== undefined && nowMs >= options.untilMs) return 'until';
  return undefined;
}

function describeWait(verdict: Exclude<FetchVerdict, { kind: 'ok' }>, waitMs: number): string {
  const what = verdict.kind === 'quota' ? 'quota refused' : 'failed';
  return `${what}: ${verdict.reason}; trying again in ${(waitMs / 1000).toFixed(1)} s`;
}

async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch((error: unknown) => {
    if ((error as { name?: string }).name !== 'AbortError') throw error;
  });
}
