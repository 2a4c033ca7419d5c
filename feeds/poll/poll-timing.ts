import { pollIntervalSeconds, type FeedSource } from './feed-source.ts';
import type { PollState } from './poll-state.ts';

/** How a poller paces itself, in milliseconds. Injected whole in tests, so they run in seconds. */
export interface PollTiming {
  /** Between the starts of two polls: never less than the feed's minimum (feed-source.ts). */
  readonly intervalMs: number;
  /** After a quota refusal without Retry-After: AP's Query Quotas page says to wait 5-10 seconds. */
  readonly quotaWaitMs: number;
  /** After a timeout, a dropped connection or a 5xx. */
  readonly retryWaitMs: number;
  /** A request with no answer by then is abandoned (a stalled server) and tried again. */
  readonly requestTimeoutMs: number;
}

export const AP_QUOTA_WAIT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * The timing of a feed: its poll interval (pollIntervalSeconds), AP's quota wait, a retry after one
 * interval, and a 20 s request timeout.
 * @throws Error naming intervalSeconds when it is below the feed's minimum.
 */
export function feedTiming(source: FeedSource): PollTiming {
  const intervalMs = pollIntervalSeconds(source) * 1000;
  return { intervalMs, quotaWaitMs: AP_QUOTA_WAIT_MS, retryWaitMs: intervalMs, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS };
}

/** How a feed answered one request. */
export type FetchVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'quota'; readonly waitMs?: number; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'fatal'; readonly reason: string };

/**
 * Sorts a response: 2xx is ok; 429, or a 403 whose body speaks of a quota (AP: "403 - Per-minute Quota
 * (…) Exceeded, try again in a little bit"), is a quota refusal, to wait out (Retry-After when sent);
 * 408 and 5xx are retried; any other status (401 bad key, 404, a 403 without "quota") cannot get better
 * by waiting, and is fatal.
 */
export function judgeResponse(status: number, body: string, retryAfter: string | undefined, nowMs: number): FetchVerdict {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  const reason = `HTTP ${status}${body.trim() === '' ? '' : `: ${body.trim().slice(0, 200)}`}`;
  if (status === 429 || (status === 403 && /quota/i.test(body))) {
    const waitMs = retryAfterMs(retryAfter, nowMs);
    return { kind: 'quota', reason, ...(waitMs === undefined ? {} : { waitMs }) };
  }
  if (status === 408 || status >= 500) return { kind: 'retry', reason };
  return { kind: 'fatal', reason };
}

/**
 * Milliseconds a Retry-After header asks to wait: delay-seconds or an HTTP date (RFC 9110, 10.2.3).
 * Undefined when absent or unreadable.
 * @example retryAfterMs('7', 0) // 7000
 */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Milliseconds from the start of one poll to the start of the next: the interval after an answer; after
 * a quota refusal, what the feed asked (or the quota wait), and never less than the interval; after a
 * failure, the retry wait, never less than the interval. So no path polls faster than the feed allows.
 */
export function waitAfter(timing: PollTiming, verdict: FetchVerdict): number {
  if (verdict.kind === 'quota') return Math.max(timing.intervalMs, verdict.waitMs ?? timing.quotaWaitMs);
  if (verdict.kind === 'retry') return Math.max(timing.intervalMs, timing.retryWaitMs);
  return timing.intervalMs;
}

/**
 * Milliseconds until the feed may be polled again: `minimumMs` after the last poll in `state`, and not
 * before a quota refusal's `notBefore`; 0 when due. A schedule that fires twice, or a retry of its
 * invocation, then skips the poll.
 * @example dueInMs(5000, { lastPolledAt: '2024-11-05T20:00:00Z' }, Date.parse('2024-11-05T20:00:02Z')) // 3000
 */
export function dueInMs(minimumMs: number, state: PollState, nowMs: number): number {
  const after = state.lastPolledAt === undefined ? 0 : Date.parse(state.lastPolledAt) + minimumMs;
  const notBefore = state.notBefore === undefined ? 0 : Date.parse(state.notBefore);
  return Math.max(0, after - nowMs, notBefore - nowMs);
}
