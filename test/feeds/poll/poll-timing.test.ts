import { describe, expect, it } from 'vitest';
import { dueInMs, judgeResponse, retryAfterMs, waitAfter, type PollTiming } from '../../../feeds/poll/poll-timing.ts';

const TIMING: PollTiming = { intervalMs: 10_000, quotaWaitMs: 10_000, retryWaitMs: 10_000, requestTimeoutMs: 20_000 };
const NOW = Date.parse('2024-11-06T02:00:00Z');

describe('judging a response', () => {
  it.each([
    [200, '{}', 'ok'],
    [403, '{"errorMessage":"Per-minute Quota (10) Exceeded, try again in a little bit."}', 'quota'],
    [429, '', 'quota'],
    [503, 'busy', 'retry'],
    [408, '', 'retry'],
    [403, '{"errorMessage":"Forbidden"}', 'fatal'],
    [401, 'Invalid apikey', 'fatal'],
    [404, '', 'fatal'],
  ] as const)('HTTP %i %s is %s', (status, body, kind) => {
    expect(judgeResponse(status, body, undefined, NOW).kind).toBe(kind);
  });

  it('carries a quota refusal’s Retry-After, in seconds or as a date', () => {
    expect(judgeResponse(429, '', '7', NOW)).toMatchObject({ kind: 'quota', waitMs: 7_000 });
    expect(retryAfterMs('Wed, 06 Nov 2024 02:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});

describe('waiting', () => {
  it('never waits less than the interval: after a quota refusal, as asked or the quota wait', () => {
    const quick: PollTiming = { ...TIMING, intervalMs: 5_000, quotaWaitMs: 8_000, retryWaitMs: 1_000 };
    expect(waitAfter(quick, { kind: 'ok' })).toBe(5_000);
    expect(waitAfter(quick, { kind: 'quota', reason: '' })).toBe(8_000);
    expect(waitAfter(quick, { kind: 'quota', reason: '', waitMs: 60_000 })).toBe(60_000);
    expect(waitAfter(quick, { kind: 'quota', reason: '', waitMs: 0 })).toBe(5_000);
    expect(waitAfter(quick, { kind: 'retry', reason: '' })).toBe(5_000);
  });

  it('a poll is due the minimum after the last one, and not before a refusal’s notBefore', () => {
    expect(dueInMs(5_000, {}, NOW)).toBe(0);
    expect(dueInMs(5_000, { lastPolledAt: '2024-11-06T01:59:58Z' }, NOW)).toBe(3_000);
    expect(dueInMs(5_000, { lastPolledAt: '2024-11-06T01:59:00Z' }, NOW)).toBe(0);
    expect(dueInMs(5_000, { lastPolledAt: '2024-11-06T01:59:00Z', notBefore: '2024-11-06T02:00:20Z' }, NOW)).toBe(20_000);
  });
});
