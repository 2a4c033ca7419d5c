import { afterEach, describe, expect, it } from 'vitest';
import { importFeed, snapshotsInFile } from '../../../feeds/import-feed.ts';
import type { FeedSource } from '../../../feeds/poll/feed-source.ts';
import { newReleases, type KnownRace } from '../../../feeds/poll/new-releases.ts';
import type { PollTiming } from '../../../feeds/poll/poll-timing.ts';
import type { RecordedSnapshot } from '../../../feeds/recorded-snapshot.ts';
import { httpFeedFetcher } from '../../../runtime/feed-poll/fetch-feed.ts';
import { FeedRefusedError, runPollLoop } from '../../../runtime/feed-poll/poll-loop.ts';
import {
  AP_FIRST_PATH,
  apNightBodies,
  CLARITY_JSON_REPORT,
  CLARITY_NIGHT_POLLS,
  clarityNight,
  nextPath,
  PINE_NIGHT_POLLS,
  pineNight,
  startFeedServer,
  TROUBLED_AP_NIGHT_POLLS,
  troubledApNight,
  type FeedServer,
} from '../../fixtures/feed-night-server.ts';
import { fixturePaths, fixtureSnapshot } from '../../feeds/feed-fixtures.ts';
import { detailXml, detailZip, SITE_PATH, VERSIONS } from '../../feeds/clarity-live-fixtures.ts';

/** Small intervals; the stall is a real 300 ms request timeout. The loop's waits are recorded, not slept. */
const TIMING: PollTiming = { intervalMs: 50, quotaWaitMs: 2_000, retryWaitMs: 1_000, requestTimeoutMs: 300 };

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs the loop over the server until `maxPolls`, collecting snapshots and the waits it asked for. */
async function pollNight(source: FeedSource, maxPolls: number) {
  const snapshots: Array<{ snapshot: RecordedSnapshot; kind: string }> = [];
  // Each wait with the number of requests made before it, and the wait counted from the request's start.
  const waits = new Map<number, number>();
  const sinceRequest = new Map<number, number>();
  const notices: string[] = [];
  const fetcher = httpFeedFetcher();
  let requestStart = Date.now();
  const result = await runPollLoop({
    source,
    timing: TIMING,
    fetcher: async (url, timeoutMs) => {
      requestStart = Date.now();
      return fetcher(url, timeoutMs);
    },
    maxPolls,
    sleep: async (ms) => {
      const requests = server?.requests.length ?? 0;
      waits.set(requests, ms);
      sinceRequest.set(requests, Date.now() - requestStart + ms);
    },
    onSnapshot: async (snapshot, kind) => void snapshots.push({ snapshot, kind }),
    onNotice: (message) => notices.push(message),
  });
  return { result, snapshots, waits, sinceRequest, notices };
}

/** Slack for the loop's own steps between reading its clock and starting the request. */
const CLOCK_SLACK_MS = 50;

describe('runPollLoop against a loopback AP feed', () => {
  it('follows nextrequest, waits out a quota 403, retries a stall, and takes the same snapshot twice as seen', async () => {
    server = await startFeedServer(troubledApNight());
    const source: FeedSource = { id: 'ap-test', format: 'ap', url: `${server.url}${AP_FIRST_PATH}` };

    const { result, snapshots, waits, sinceRequest, notices } = await pollNight(source, TROUBLED_AP_NIGHT_POLLS);

    const bodies = apNightBodies(server.url);
    expect(result).toMatchObject({ polls: TROUBLED_AP_NIGHT_POLLS, stoppedBy: 'max-polls' });
    // Every request after the first is the previous answer's nextrequest.
    expect(server.requests).toEqual([
      AP_FIRST_PATH,
      nextPath(bodies[0]),
      nextPath(bodies[0]),
      nextPath(bodies[1]),
      nextPath(bodies[1]),
      nextPath(bodies[1]),
      nextPath(bodies[2]),
      nextPath(bodies[3]),
      nextPath(bodies[4]),
    ]);
    expect(snapshots.map(({ snapshot, kind }) => [bodies.indexOf(snapshot.body), kind])).toEqual([
      [0, 'new'],
      [1, 'new'],
      [1, 'seen'],
      [2, 'new'],
      [3, 'new'],
      [4, 'new'],
    ]);
    expect(notices).toEqual([expect.stringMatching(/^quota refused: .*HTTP 403: .*Per-minute Quota/), expect.stringMatching(/^failed: .*no answer within 300 ms/)]);
    expect(result.state.nextUrl).toBe(`${server.url}${nextPath(bodies[4])}`);
    // AP's documented wait after the 403, the retry wait after the stall, the interval otherwise: never less,
    // counted from the start of the poll (so the 300 ms spent waiting for an answer count towards it), however
    // slowly a loaded machine ran the poll itself.
    expect(sinceRequest.get(2)).toBeGreaterThanOrEqual(TIMING.quotaWaitMs - CLOCK_SLACK_MS);
    expect(sinceRequest.get(4)).toBeGreaterThanOrEqual(TIMING.retryWaitMs - CLOCK_SLACK_MS);
    expect(waits.get(4)).toBeLessThan(TIMING.retryWaitMs - TIMING.requestTimeoutMs + CLOCK_SLACK_MS);
    expect([...waits.values()].every((wait) => wait <= TIMING.quotaWaitMs)).toBe(true);
  });

  it('waits as long as Retry-After asks, when a quota refusal sends it', async () => {
    server = await startFeedServer(troubledApNight('7'));
    const source: FeedSource = { id: 'ap-test', format: 'ap', url: `${server.url}${AP_FIRST_PATH}` };

    const { waits } = await pollNight(source, 3);

    expect(waits.get(2)).toBeGreaterThan(6_500);
  });

  it('turns what it polled into exactly the releases that importing the recording gives', async () => {
    server = await startFeedServer(troubledApNight());
    const source: FeedSource = { id: 'ap-test', format: 'ap', url: `${server.url}${AP_FIRST_PATH}` };
    const { snapshots } = await pollNight(source, TROUBLED_AP_NIGHT_POLLS);

    const known = new Map<string, KnownRace>();
    const polled = new Map<string, unknown[]>();
    for (const { snapshot, kind } of snapshots) {
      if (kind !== 'new') continue;
      for (const { race, releases } of newReleases('ap', [{ source: 'poll', ...snapshot }], known).races) {
        known.set(race.id, { race, latest: releases.at(-1) });
        polled.set(race.id, [...(polled.get(race.id) ?? []), ...releases]);
      }
    }

    const recording = importFeed('ap', fixturePaths('ap').map((path) => fixtureSnapshot(path)));
    expect(recording.countFiles.map((file) => file.race.id)).toEqual([...polled.keys()]);
    for (const file of recording.countFiles) expect(polled.get(file.race.id), file.race.id).toEqual(file.releases);
  });

  it('stops at once on a status that waiting cannot mend', async () => {
    server = await startFeedServer(() => ({ '/v2/elections': [{ status: 401, body: '{"errorMessage":"Invalid apikey"}' }] }));

    await expect(pollNight({ id: 'ap-test', format: 'ap', url: `${server.url}/v2/elections` }, 5)).rejects.toThrow(FeedRefusedError);
    expect(server.requests).toHaveLength(1);
  });

  it('stops on its signal, between polls', async () => {
    server = await startFeedServer(troubledApNight());
    const controller = new AbortController();
    const result = await runPollLoop({
      source: { id: 'ap-test', format: 'ap', url: `${server.url}${AP_FIRST_PATH}` },
      timing: TIMING,
      fetcher: httpFeedFetcher(),
      signal: controller.signal,
      onSnapshot: async () => controller.abort(),
    });

    expect(result).toMatchObject({ polls: 1, stoppedBy: 'signal' });
  });
});

describe('runPollLoop against a loopback Clarity site', () => {
  it('reads current_ver.txt and fetches only the reports of new versions', async () => {
    server = await startFeedServer(clarityNight());
    const source: FeedSource = { id: 'lake', format: 'clarity', url: `${server.url}/lake/`, report: CLARITY_JSON_REPORT };

    const { snapshots, notices } = await pollNight(source, CLARITY_NIGHT_POLLS);

    expect(server.requests).toEqual([
      '/lake/current_ver.txt',
      '/lake/1/reports/detail.json',
      '/lake/current_ver.txt',
      '/lake/current_ver.txt',
      '/lake/current_ver.txt',
      '/lake/2/reports/detail.json',
      '/lake/current_ver.txt',
      '/lake/3/reports/detail.json',
      '/lake/current_ver.txt',
      '/lake/4/reports/detail.json',
    ]);
    expect(snapshots.map(({ kind }) => kind)).toEqual(['new', 'new', 'new', 'new']);
    expect(notices).toEqual([expect.stringMatching(/^quota refused: .*HTTP 429/)]);
  });

  it("fetches a live site's detailxml.zip once per new version, and keeps it in base64: the releases of importing the XML", async () => {
    server = await startFeedServer(pineNight());
    const source: FeedSource = { id: 'pine', format: 'clarity', url: `${server.url}${SITE_PATH}` };

    const { snapshots } = await pollNight(source, PINE_NIGHT_POLLS);

    expect(server.requests).toEqual([
      `${SITE_PATH}current_ver.txt`,
      `${SITE_PATH}1/reports/detailxml.zip`,
      `${SITE_PATH}current_ver.txt`,
      `${SITE_PATH}current_ver.txt`,
      `${SITE_PATH}2/reports/detailxml.zip`,
      `${SITE_PATH}current_ver.txt`,
      `${SITE_PATH}3/reports/detailxml.zip`,
    ]);
    expect(snapshots.map(({ snapshot }) => [snapshot.encoding, snapshot.contentType])).toEqual(Array(3).fill(['base64', 'application/zip']));
    expect(snapshots.map(({ snapshot }) => Buffer.from(snapshot.body, 'base64'))).toEqual(VERSIONS.map((version) => Buffer.from(detailZip(version))));
    const polled = importFeed('clarity', snapshots.map(({ snapshot }) => ({ source: 'poll', ...snapshot })));
    const plain = importFeed('clarity', VERSIONS.flatMap((version) => snapshotsInFile('clarity', detailXml(version), `v${version}.xml`)));
    expect(polled.countFiles).toEqual(plain.countFiles);
  });

  it('reads json/en/summary.json instead, when the feed names it as its report', async () => {
    server = await startFeedServer(pineNight());
    const source: FeedSource = { id: 'pine', format: 'clarity', url: `${server.url}${SITE_PATH}`, report: 'json/en/summary.json' };

    const { snapshots } = await pollNight(source, PINE_NIGHT_POLLS);

    expect(server.requests.filter((path) => !path.endsWith('current_ver.txt'))).toEqual(VERSIONS.map((version) => `${SITE_PATH}${version}/json/en/summary.json`));
    expect(snapshots.map(({ kind }) => kind)).toEqual(['new', 'new', 'new']);
    const { countFiles } = importFeed('clarity', snapshots.map(({ snapshot }) => ({ source: 'poll', ...snapshot })));
    expect(countFiles.map((file) => [file.race.id, file.releases.length])).toEqual([
      ['Pine-1', 3],
      ['Pine-2', 3],
    ]);
  });
});
