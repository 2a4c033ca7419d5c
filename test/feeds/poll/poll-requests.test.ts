import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../feeds/feed-error.ts';
import { isLoopbackUrl, pollIntervalSeconds, type FeedSource } from '../../../feeds/poll/feed-source.ts';
import { firstRequest, reportRequest, takeResponse, type FeedResponse } from '../../../feeds/poll/poll-requests.ts';
import { fixturePaths } from '../feed-fixtures.ts';

const AP: FeedSource = Object.freeze({ id: 'ga', format: 'ap', url: 'https://api.ap.org/v2/elections/2022-11-08?level=ru' });
const CLARITY: FeedSource = Object.freeze({ id: 'lake', format: 'clarity', url: 'https://results.example/IL/Lake/115000' });
const apBody = (index: number) => readFileSync(fixturePaths('ap')[index], 'utf8');
const clarityBody = (index: number) => readFileSync(fixturePaths('clarity')[index], 'utf8');
const response = (url: string, body: string, bodyHash = `hash-of-${body.length}`, version?: string): FeedResponse => ({
  request: { purpose: 'feed', url, ...(version === undefined ? {} : { version }) },
  fetchedAt: '2022-11-09T01:05:03Z',
  body,
  bodyHash,
});

describe('the next request', () => {
  it("AP: the configured URL first, then the last answer's nextrequest", () => {
    expect(firstRequest(AP, {})).toEqual({ purpose: 'feed', url: AP.url });
    const { state } = takeResponse(AP, {}, response(AP.url, apBody(0)));
    expect(firstRequest(AP, state).url).toBe('https://api.ap.org/v2/elections/2022-11-08?minDateTime=2022-11-09T01:05:00Z');
  });

  it("Clarity: current_ver.txt, then the report of a version not yet read, and nothing for one already read", () => {
    expect(firstRequest(CLARITY, {}).url).toBe('https://results.example/IL/Lake/115000/current_ver.txt');
    expect(reportRequest(CLARITY, {}, '275469\n', 'v')).toEqual({ purpose: 'feed', url: 'https://results.example/IL/Lake/115000/275469/reports/detailxml.zip', version: '275469' });
    expect(reportRequest({ ...CLARITY, report: 'json/detail.json' }, {}, '7', 'v')?.url).toBe('https://results.example/IL/Lake/115000/7/json/detail.json');
    expect(reportRequest(CLARITY, { version: '275469' }, '275469', 'v')).toBeUndefined();
  });

  it('Clarity: refuses a current_ver.txt that holds no version number, naming the URL', () => {
    expect(() => reportRequest(CLARITY, {}, '<html>maintenance</html>', 'https://x/current_ver.txt')).toThrow(
      new FeedError('https://x/current_ver.txt', 'expected a version number, got "<html>maintenance</html>"'),
    );
  });
});

describe('reading a response', () => {
  it('takes a new snapshot with its fetch time and URL, and remembers its hash and feed time', () => {
    const finding = takeResponse(AP, {}, response(AP.url, apBody(0), 'h1'));

    expect(finding).toMatchObject({ kind: 'new', snapshot: { fetchedAt: '2022-11-09T01:05:03Z', url: AP.url, body: apBody(0) } });
    expect(finding.state).toMatchObject({ lastBodyHash: 'h1', lastFeedTime: '2022-11-09T01:05:00Z', lastPolledAt: '2022-11-09T01:05:03Z' });
  });

  it('knows a snapshot seen before by its body, or by its feed time', () => {
    const { state } = takeResponse(AP, {}, response(AP.url, apBody(0), 'h1'));

    expect(takeResponse(AP, state, response(AP.url, apBody(0), 'h1')).kind).toBe('seen');
    const sameTime = apBody(0).replace('"apiVersion": "2.0"', '"apiVersion": "2.1"');
    expect(takeResponse(AP, state, response(AP.url, sameTime, 'h2')).kind).toBe('seen');
    expect(takeResponse(AP, state, response(AP.url, apBody(1), 'h3')).kind).toBe('new');
  });

  it("AP's answer when nothing changed (only a nextrequest) moves the next request on and is no snapshot", () => {
    const body = JSON.stringify({ nextrequest: 'https://api.ap.org/v2/elections/2022-11-08?minDateTime=2022-11-09T01:06:00Z' });

    const finding = takeResponse(AP, { lastBodyHash: 'h1' }, response(AP.url, body));

    expect(finding).toEqual({ kind: 'no-change', state: { lastBodyHash: 'h1', lastPolledAt: '2022-11-09T01:05:03Z', nextUrl: JSON.parse(body).nextrequest } });
  });

  it('Clarity: remembers the version read and the report time', () => {
    const finding = takeResponse(CLARITY, {}, response('u', clarityBody(0), 'h', '12'));
    expect(finding.state).toMatchObject({ version: '12', lastFeedTime: '2022-11-08T20:45:10-05:00' });
  });

  it('refuses a body that is not the feed JSON, naming the URL and field', () => {
    expect(() => takeResponse(AP, {}, response('https://x', '<html>'))).toThrow(/^https:\/\/x: not valid JSON/);
    expect(() => takeResponse(AP, {}, response('https://x', '{"nextrequest": 5}'))).toThrow(FeedError);
  });
});

describe('poll intervals', () => {
  it('defaults per feed, and refuses one below what the feed allows, unless the feed is on loopback', () => {
    expect(pollIntervalSeconds(AP)).toBe(10);
    expect(pollIntervalSeconds(CLARITY)).toBe(60);
    expect(() => pollIntervalSeconds({ ...AP, intervalSeconds: 2 })).toThrow('intervalSeconds: ap feeds are polled at most every 5 s; got 2');
    expect(() => pollIntervalSeconds({ ...CLARITY, intervalSeconds: 29 })).toThrow(/at most every 30 s/);
    expect(pollIntervalSeconds({ ...AP, url: 'http://127.0.0.1:8080/v2', intervalSeconds: 0.05 })).toBe(0.05);
  });

  it('counts only this machine as loopback', () => {
    expect(['http://127.0.0.1:1/', 'http://localhost/', 'http://[::1]:9/'].map(isLoopbackUrl)).toEqual([true, true, true]);
    expect(['http://127.0.0.1.example.org/', 'https://api.ap.org/'].map(isLoopbackUrl)).toEqual([false, false]);
  });
});
