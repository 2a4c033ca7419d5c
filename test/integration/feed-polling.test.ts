import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CountFile } from '../../core/schemas/index.ts';
import { importFeed, snapshotsInFile } from '../../feeds/import-feed.ts';
import type { FeedSource } from '../../feeds/poll/feed-source.ts';
import { DynamoPollStateStore } from '../../functions/adapters/dynamo-poll-state-store.ts';
import { SecretsManagerSecretReader } from '../../functions/adapters/secrets-manager-secret-reader.ts';
import type { SecretReader } from '../../functions/ports/secret-reader.ts';
import { handlerIngest } from '../../functions/handlers/handler-ingest.ts';
import { makePollFeedHandler, type PollFeedResult } from '../../functions/handlers/poll-feed.ts';
import { createRaceTable } from '../../local/create-table.ts';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { httpFeedFetcher } from '../../runtime/feed-poll/fetch-feed.ts';
import { cli, temporaryDirectory } from '../cli/cli-harness.ts';
import {
  AP_FIRST_PATH,
  apNightBodies,
  CLARITY_JSON_REPORT,
  clarityNight,
  startFeedServer,
  TROUBLED_AP_NIGHT_POLLS,
  troubledApNight,
  type FeedServer,
  PINE_NIGHT_POLLS,
  pineNight,
} from '../fixtures/feed-night-server.ts';
import { detailXml, SITE_PATH, VERSIONS } from '../feeds/clarity-live-fixtures.ts';
import { fixturePaths, fixtureSnapshot } from '../feeds/feed-fixtures.ts';
import { startSecretsServer } from '../fixtures/secrets-manager-server.ts';
import { STACK_HOOK_TIMEOUT_MS, useLocalStack } from './local-stack-fixture.ts';

const TOKEN = 'feed-polling-test-token';

/** The count files of a recorded night, as `ballotcast import` makes them: what the store must end with. */
const recordedNight = (format: 'ap' | 'clarity'): CountFile[] => importFeed(format, fixturePaths(format).map((path) => fixtureSnapshot(path))).countFiles;

describe('polling a recorded night into the local stack', () => {
  const stack = useLocalStack();
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Every race's stored releases, by race id. */
  async function storedNight(pipeline: LocalPipeline, raceIds: readonly string[]) {
    return Object.fromEntries(await Promise.all(raceIds.map(async (id) => [id, await pipeline.deps.store.listReleases(id)] as const)));
  }
  const expectedNight = (files: readonly CountFile[]) => Object.fromEntries(files.map((file) => [file.race.id, file.releases]));

  describe('ballotcast watch, against the API of the local stack', () => {
    let pipeline: LocalPipeline;
    let api: { url: string; close: () => Promise<void> };
    beforeAll(async () => {
      pipeline = buildLocalPipeline(stack());
      api = await startLocalApiServer(pipeline.routes, TOKEN);
    }, STACK_HOOK_TIMEOUT_MS);
    afterAll(async () => {
      await pipeline?.queue.drain();
      await api?.close();
    });

    /** Runs watch over a fresh serving of the troubled AP night. */
    async function watchNight() {
      server = await startFeedServer(troubledApNight('1'));
      const args = ['watch', 'ap', `${server.url}${AP_FIRST_PATH}`, '--api', api.url, '--token', TOKEN];
      const result = await cli([...args, '--every', '0.05', '--timeout', '0.5', '--max-polls', String(TROUBLED_AP_NIGHT_POLLS)]);
      await server.close();
      server = undefined;
      return result;
    }

    it('ends with exactly the releases the recording holds, through a quota 403, a stall and a repeat; a second watch adds nothing', async () => {
      const expected = recordedNight('ap');
      const raceIds = expected.map((file) => file.race.id);

      const first = await watchNight();

      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/quota refused: .*HTTP 403/);
      expect(first.stderr).toMatch(/failed: .*no answer within 500 ms/);
      expect(first.stdout).toMatch(/the same snapshot again; nothing to post/);
      expect(first.stderr).toMatch(/stopped after 9 polls \(--max-polls\); 7 releases stored, 0 already stored/);
      expect(await storedNight(pipeline, raceIds)).toEqual(expectedNight(expected));
      for (const file of expected) expect((await pipeline.deps.store.getRace(file.race.id))?.race).toEqual(file.race);

      const second = await watchNight();

      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/0 releases stored, 7 already stored/);
      expect(await storedNight(pipeline, raceIds)).toEqual(expectedNight(expected));
      await pipeline.queue.drain();
      expect(pipeline.queue.failures).toEqual([]);
      // One run per stored release, none for the releases sent again.
      const runs = await Promise.all(raceIds.map((id) => pipeline.deps.store.listRuns(id)));
      expect(runs.flat()).toHaveLength(7);
    });

    it('refuses an API it cannot reach with the usage of watch, before polling', async () => {
      const result = await cli(['watch', 'ap', 'http://127.0.0.1:9/v2/elections', '--max-polls', '1']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/watch needs --api URL/);
    });
  });

  describe('the poller Lambda handler, on its own table', () => {
    const TABLE = 'poller-test';
    let pipeline: LocalPipeline;
    let states: DynamoPollStateStore;
    beforeAll(async () => {
      await createRaceTable(stack().dynamoClient, TABLE);
      pipeline = buildLocalPipeline({ ...stack(), tableName: TABLE });
      states = new DynamoPollStateStore(stack().dynamoClient, TABLE);
    }, STACK_HOOK_TIMEOUT_MS);
    afterAll(async () => {
      await pipeline?.queue.drain();
    });

    /** The handler for `feeds`, on a clock that moves a minute per invocation, as the schedule would. */
    function poller(feeds: readonly FeedSource[], secrets?: SecretReader) {
      let now = Date.parse('2026-11-04T02:00:00Z');
      const poll = makePollFeedHandler({
        feeds,
        states,
        store: pipeline.deps.store,
        ingest: handlerIngest(pipeline.routes, 'arn:aws:iam::123456789012:role/poller-test'),
        fetcherFor: httpFeedFetcher,
        ...(secrets === undefined ? {} : { secrets }),
        logger: new Logger({ logLevel: 'SILENT' }),
        clock: () => now,
        // A stalled request is abandoned after 300 ms here, not 20 s.
        timing: () => ({ intervalMs: 60_000, quotaWaitMs: 10_000, retryWaitMs: 60_000, requestTimeoutMs: 300 }),
      });
      return async (times: number, event: unknown): Promise<PollFeedResult[]> => {
        const results: PollFeedResult[] = [];
        for (let index = 0; index < times; index++) {
          results.push(await poll(event));
          now += 60_000;
        }
        return results;
      };
    }

    it('polls AP once per invocation, keeping nextrequest in DynamoDB, and stores exactly the recorded releases; polling again adds nothing', async () => {
      server = await startFeedServer(troubledApNight());
      const feed: FeedSource = { id: 'ap-night', format: 'ap', url: `${server.url}${AP_FIRST_PATH}` };
      const poll = poller([feed]);
      const expected = recordedNight('ap');

      const results = await poll(TROUBLED_AP_NIGHT_POLLS, { feedId: 'ap-night' });

      expect(results.map((result) => result.outcome)).toEqual(['new', 'quota', 'new', 'retry', 'seen', 'new', 'new', 'new', 'no-change']);
      expect(await storedNight(pipeline, expected.map((file) => file.race.id))).toEqual(expectedNight(expected));
      const state = await states.get('ap-night');
      expect(state?.nextUrl).toMatch(/minDateTime=2022-11-09T03:15:00Z$/);

      // The same feed read again from the start: every release is already stored.
      await states.put('ap-night', {}, new Date().toISOString());
      await server.close();
      server = await startFeedServer(troubledApNight());
      const again = poller([{ ...feed, url: `${server.url}${AP_FIRST_PATH}` }]);
      const repeat = await again(TROUBLED_AP_NIGHT_POLLS, { feedId: 'ap-night' });
      expect(repeat.flatMap((result) => ('posted' in result && result.posted !== undefined ? [result.posted.stored] : []))).toEqual([0, 0, 0, 0, 0]);
      expect(await storedNight(pipeline, expected.map((file) => file.race.id))).toEqual(expectedNight(expected));
    });

    it('reads a Clarity site through current_ver.txt and stores exactly the recorded releases', async () => {
      server = await startFeedServer(clarityNight());
      const poll = poller([{ id: 'lake', format: 'clarity', url: `${server.url}/lake/`, report: CLARITY_JSON_REPORT }]);
      const expected = recordedNight('clarity');

      const results = await poll(6, { feedId: 'lake' });

      expect(results.map((result) => result.outcome)).toEqual(['new', 'no-change', 'quota', 'new', 'new', 'new']);
      expect(await storedNight(pipeline, expected.map((file) => file.race.id))).toEqual(expectedNight(expected));
    });

    it("reads a live Clarity site's detailxml.zip per new version and stores exactly the releases of its XML", async () => {
      server = await startFeedServer(pineNight());
      const poll = poller([{ id: 'pine', format: 'clarity', url: `${server.url}${SITE_PATH}` }]);
      const expected = importFeed('clarity', VERSIONS.flatMap((version) => snapshotsInFile('clarity', detailXml(version), `v${version}.xml`))).countFiles;

      const results = await poll(PINE_NIGHT_POLLS, { feedId: 'pine' });

      expect(results.map((result) => result.outcome)).toEqual(['new', 'no-change', 'new', 'new']);
      expect(await storedNight(pipeline, expected.map((file) => file.race.id))).toEqual(expectedNight(expected));
      expect(await states.get('pine')).toMatchObject({ version: '3', lastFeedTime: '2024-11-05T22:30:41-05:00' });
    });

    it("sends an AP feed's key, read from its secret once per cold start, as x-api-key", async () => {
      server = await startFeedServer(troubledApNight(), { apiKey: 'ap-key-123' });
      const secretsServer = await startSecretsServer({ 'ballotcast/ap-api-key': 'ap-key-123\n' });
      try {
        const feed: FeedSource = { id: 'ap-keyed', format: 'ap', url: `${server.url}${AP_FIRST_PATH}`, apiKeySecret: 'ballotcast/ap-api-key' };
        const poll = poller([feed], new SecretsManagerSecretReader(secretsServer.client));

        const results = await poll(3, { feedId: 'ap-keyed' });

        expect(results.map((result) => result.outcome)).toEqual(['new', 'quota', 'new']);
        expect(secretsServer.requests).toEqual(['ballotcast/ap-api-key']);
        // Without the key, the same feed refuses: the key was what let the polls through.
        const keyless = poller([{ ...feed, id: 'ap-keyless', apiKeySecret: undefined }]);
        expect(await keyless(1, { feedId: 'ap-keyless' })).toMatchObject([{ outcome: 'fatal', reason: expect.stringMatching(/HTTP 401: .*Invalid apikey/) }]);
      } finally {
        await secretsServer.close();
      }
    });

    it('fails, naming the feed and the secret, when the key cannot be read: no request, no state saved', async () => {
      server = await startFeedServer(troubledApNight(), { apiKey: 'ap-key-123' });
      const secretsServer = await startSecretsServer({ 'ballotcast/empty': ' ' });
      try {
        const reader = new SecretsManagerSecretReader(secretsServer.client);
        const feeds: FeedSource[] = [
          { id: 'ap-missing', format: 'ap', url: `${server.url}${AP_FIRST_PATH}`, apiKeySecret: 'ballotcast/missing' },
          { id: 'ap-empty', format: 'ap', url: `${server.url}${AP_FIRST_PATH}`, apiKeySecret: 'ballotcast/empty' },
        ];
        const poll = poller(feeds, reader);

        await expect(poll(1, { feedId: 'ap-missing' })).rejects.toThrow(
          /^feed "ap-missing": no API key, so no poll: cannot read the secret "ballotcast\/missing": ResourceNotFoundException: Secrets Manager can't find the specified secret\.$/,
        );
        await expect(poll(1, { feedId: 'ap-empty' })).rejects.toThrow(/^feed "ap-empty": no API key, so no poll: cannot read the secret "ballotcast\/empty": it holds no text/);
        await expect(poller(feeds)(1, { feedId: 'ap-missing' })).rejects.toThrow(/apiKeySecret is set, but the poller was given no secret reader/);
        expect(server.requests).toEqual([]);
        expect(await states.get('ap-missing')).toBeUndefined();
        expect(await states.get('ap-empty')).toBeUndefined();
        // A failed read is not kept: the next invocation asks again.
        await expect(poll(1, { feedId: 'ap-missing' })).rejects.toThrow(/ResourceNotFoundException/);
        expect(secretsServer.requests).toEqual(['ballotcast/missing', 'ballotcast/empty', 'ballotcast/missing']);
      } finally {
        await secretsServer.close();
      }
    });

    it('moves past a snapshot the converter refuses, logging it, so the feed does not stick on it', async () => {
      server = await startFeedServer((baseUrl) => ({ '/bad': [{ body: apNightBodies(baseUrl)[0].replace('"raceID": "1005"', '"raceID": "a/b"') }] }));
      const poll = poller([{ id: 'ap-bad', format: 'ap', url: `${server.url}/bad` }]);

      const [result] = await poll(1, { feedId: 'ap-bad' });

      expect(result).toMatchObject({ outcome: 'fatal', reason: expect.stringMatching(/races\[0\]\.raceID: expected an id/) });
      expect(await states.get('ap-bad')).toMatchObject({ nextUrl: expect.stringMatching(/minDateTime=2022-11-09T01:05:00Z$/) });
    });

    it('skips a poll sooner than the feed allows, and refuses an event for no configured feed', async () => {
      server = await startFeedServer(clarityNight());
      const feed: FeedSource = { id: 'lake-twice', format: 'clarity', url: `${server.url}/lake/`, report: CLARITY_JSON_REPORT };
      const poll = makePollFeedHandler({
        feeds: [feed],
        states,
        store: pipeline.deps.store,
        ingest: handlerIngest(pipeline.routes, 'poller-test'),
        fetcherFor: httpFeedFetcher,
        logger: new Logger({ logLevel: 'SILENT' }),
        clock: () => Date.parse('2026-11-04T02:00:00Z'),
      });

      await poll({ feedId: 'lake-twice' });
      expect(await poll({ feedId: 'lake-twice' })).toMatchObject({ outcome: 'not-due', dueInMs: 30_000 });
      expect(server.requests).toHaveLength(2);
      await expect(poll({ feedId: 'elsewhere' })).rejects.toThrow(/feedId: no configured feed "elsewhere"/);
    });
  });
});

// The recording `ballotcast record` writes is what `ballotcast import` reads.
describe('ballotcast record', () => {
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('saves every snapshot served, in files that sort in fetch order, which import turns into the recorded night', async () => {
    server = await startFeedServer(troubledApNight('0'));
    const dir = temporaryDirectory('ballotcast-record-');
    const out = temporaryDirectory('ballotcast-record-out-');

    const recorded = await cli(['record', 'ap', `${server.url}${AP_FIRST_PATH}`, '--dir', dir.path, '--every', '0.05', '--timeout', '0.5', '--max-polls', '9']);

    expect(recorded.code, recorded.stderr).toBe(0);
    const files = readdirSync(dir.path).sort();
    expect(files).toHaveLength(6); // five snapshots and one served twice
    expect(files.every((name) => /^\d{8}T\d{9}Z-\d{6}\.json$/.test(name))).toBe(true);
    const fetchTimes = files.map((name) => JSON.parse(readFileSync(join(dir.path, name), 'utf8')).fetchedAt as string);
    expect([...fetchTimes].sort()).toEqual(fetchTimes);

    const imported = await cli(['import', 'ap', ...files.map((name) => join(dir.path, name)), '--out', out.path]);
    expect(imported.code, imported.stderr).toBe(0);
    for (const file of recordedNight('ap')) {
      expect(JSON.parse(readFileSync(join(out.path, `${file.race.id}.json`), 'utf8'))).toEqual(file);
    }
    dir.remove();
    out.remove();
  });
});
