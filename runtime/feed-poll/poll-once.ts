import { createHash } from 'node:crypto';
import { bodyText } from '../../feeds/feed-body.ts';
import { FeedError } from '../../feeds/feed-error.ts';
import type { FeedSource } from '../../feeds/poll/feed-source.ts';
import { firstRequest, noChange, reportRequest, takeResponse, type PollFinding, type PollRequest } from '../../feeds/poll/poll-requests.ts';
import type { PollState } from '../../feeds/poll/poll-state.ts';
import { judgeResponse, waitAfter, type FetchVerdict, type PollTiming } from '../../feeds/poll/poll-timing.ts';
import { describeFetchError, type FeedFetcher, type FetchedText } from './fetch-feed.ts';

export interface PollOnceDependencies {
  readonly fetcher: FeedFetcher;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
}

/**
 * One poll: the state to keep, how the feed answered, and what it found when it answered. A failed poll
 * keeps the state it had (with the time of the attempt), so the same request is made again; after a
 * quota refusal, `notBefore` says when, for a poller that does not wait in between (the Lambda).
 */
export interface PollStep {
  readonly state: PollState;
  readonly verdict: FetchVerdict;
  readonly finding?: PollFinding;
}

/** `sha256:` and the hex digest of a body: the identity of a snapshot in poll state. */
export function bodyHash(body: string): string {
  return `sha256:${createHash('sha256').update(body, 'utf8').digest('hex')}`;
}

/**
 * Polls a feed once. AP: one request, to the next request URL. Clarity: `current_ver.txt`, then the report
 * of a version not yet read. A body that is not the feed's JSON is a failure to retry (a proxy's error
 * page), not the end of the night.
 */
export async function pollOnce(source: FeedSource, state: PollState, timing: PollTiming, deps: PollOnceDependencies): Promise<PollStep> {
  const first = firstRequest(source, state);
  const answer = await request(first, timing, deps);
  const failed = (verdict: FetchVerdict): PollStep => {
    const notBefore = verdict.kind === 'quota' ? { notBefore: new Date(deps.clock() + waitAfter(timing, verdict)).toISOString() } : {};
    return { state: { ...state, lastPolledAt: answer.fetchedAt, ...notBefore }, verdict };
  };
  if (answer.verdict.kind !== 'ok') return failed(answer.verdict);
  try {
    let feedRequest = first;
    let feedAnswer = answer;
    if (first.purpose === 'version') {
      // A version number sent as octet-stream (some static hosts) arrives in base64: read it as text.
      const report = reportRequest(source, state, bodyText(answer), first.url);
      if (report === undefined) return ok(noChange(state, answer.fetchedAt));
      feedRequest = report;
      feedAnswer = await request(report, timing, deps);
      if (feedAnswer.verdict.kind !== 'ok') return failed(feedAnswer.verdict);
    }
    const { fetchedAt, body, encoding, contentType } = feedAnswer;
    return ok(takeResponse(source, state, { request: feedRequest, fetchedAt, body, encoding, contentType, bodyHash: bodyHash(body) }));
  } catch (error) {
    if (error instanceof FeedError) return failed({ kind: 'retry', reason: [error.message, ...error.details].join('; ') });
    throw error;
  }
}

function ok(finding: PollFinding): PollStep {
  return { state: finding.state, verdict: { kind: 'ok' }, finding };
}

/** A request's answer, judged: a body in base64 keeps its `encoding`. */
interface Answer extends Pick<FetchedText, 'body' | 'encoding' | 'contentType'> {
  readonly verdict: FetchVerdict;
  readonly fetchedAt: string;
}

/** One GET, judged; the fetch time is when the answer (or the failure) came. */
async function request(pollRequest: PollRequest, timing: PollTiming, deps: PollOnceDependencies): Promise<Answer> {
  try {
    const fetched = await deps.fetcher(pollRequest.url, timing.requestTimeoutMs);
    const nowMs = deps.clock();
    const verdict = judgeResponse(fetched.status, fetched.encoding === undefined ? fetched.body : '', fetched.retryAfter, nowMs);
    const { body, encoding, contentType } = fetched;
    return { verdict: withUrl(verdict, pollRequest.url), body, encoding, contentType, fetchedAt: new Date(nowMs).toISOString() };
  } catch (error) {
    const reason = `${pollRequest.url}: ${describeFetchError(error, timing.requestTimeoutMs)}`;
    return { verdict: { kind: 'retry', reason }, body: '', fetchedAt: new Date(deps.clock()).toISOString() };
  }
}

function withUrl(verdict: FetchVerdict, url: string): FetchVerdict {
  return verdict.kind === 'ok' ? verdict : { ...verdict, reason: `${url}: ${verdict.reason}` };
}
