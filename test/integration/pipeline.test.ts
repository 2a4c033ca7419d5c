import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForecastSchema, type Release } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../../functions/http/http-types.ts';
import { startLocalStack, type LocalStack } from '../../local/local-stack.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';

const general = exampleCountFile('la-mayor-2022-general');
const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };

/** A signed API request, as API Gateway would pass it on. */
function request(parameters: Record<string, string>, body?: unknown, raw?: string): HttpRequest {
  return { pathParameters: parameters, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)), requestContext: signed };
}

const parse = (response: HttpResponse) => JSON.parse(response.body);

describe('the pipeline on the local stack (DynamoDB Local and s3rver)', () => {
  let stack: LocalStack;
  let pipeline: LocalPipeline;
  let raceCounter = 0;

  /** A fresh race id with the general's candidates, created through the API. */
  async function newRace(): Promise<string> {
    const raceId = `race-${++raceCounter}`;
    const response = await pipeline.routes.putRace(request({ raceId }, { ...general.race, id: raceId }));
    expect(response.statusCode).toBe(201);
    return raceId;
  }

  const post = (raceId: string, release: unknown, raw?: string) => pipeline.routes.postRelease(request({ raceId }, release, raw));
  const readObject = async (key: string) => {
    const object = await stack.s3Client.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: key }));
    return { text: (await object.Body?.transformToString('utf8')) ?? '', contentType: object.ContentType, cacheControl: object.CacheControl };
  };
  const storedReleases = (raceId: string) => pipeline.deps.store.listReleases(raceId);

  beforeAll(async () => {
    stack = await startLocalStack();
    pipeline = buildLocalPipeline(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('ingests releases, runs each forecast and publishes JSON that validates against the schema', async () => {
    const raceId = await newRace();
    for (const release of general.releases.slice(13, 16)) {
      const response = await post(raceId, release);
      expect(response.statusCode, response.body).toBe(201);
    }
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);

    const latest = await readObject(`races/${raceId}/latest.json`);
    const forecast = ForecastSchema.parse(JSON.parse(latest.text));
    expect(forecast).toMatchObject({ raceId, asOf: general.releases[15].asOf, release: { index: 2 } });
    expect(latest.contentType).toBe('application/json; charset=utf-8');
    expect(latest.cacheControl).toMatch(/max-age=\d+/);

    const history = JSON.parse((await readObject(`races/${raceId}/history.json`)).text);
    expect(history.points.map((point: { releaseIndex: number }) => point.releaseIndex)).toEqual([0, 1, 2]);
    const index = JSON.parse((await readObject('index.json')).text);
    expect(index.races.find((race: { raceId: string }) => race.raceId === raceId)).toMatchObject({ releases: 3, latest: `races/${raceId}/latest.json` });
    const schema = JSON.parse((await readObject('schema/forecast.v1.json')).text);
    expect(schema.$defs.Forecast).toBeDefined();

    const run = await readObject(`races/${raceId}/runs/${history.points[2].runId}.json`);
    expect(run.text).toBe(latest.text);
    expect(run.cacheControl).toContain('immutable');
  });

  it('reports a run and where its forecast is published', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[0]);
    const requested = await pipeline.routes.requestRun(request({ raceId }, { draws: 5000, seed: 'chosen' }));
    expect(requested.statusCode).toBe(202);
    const { runId } = parse(requested);
    await pipeline.queue.drain();
    const status = parse(await pipeline.routes.getRun(request({ raceId, runId })));
    expect(status).toMatchObject({ raceId, runId, status: 'published', draws: 5000, seed: 'chosen', trigger: 'request' });
    const forecast = JSON.parse((await readObject(status.forecastKey)).text);
    expect(forecast).toMatchObject({ draws: 5000, seed: 'chosen', inputHash: status.inputHash });
  });

  it('stores a release posted twice once, and answers with the same id', async () => {
    const raceId = await newRace();
    const first = parse(await post(raceId, general.releases[0]));
    const again = await post(raceId, general.releases[0]);
    expect(again.statusCode).toBe(200);
    expect(parse(again)).toMatchObject({ status: 'duplicate', releaseIndex: first.releaseIndex });
    expect(await storedReleases(raceId)).toHaveLength(1);
  });

  it('accepts the same release with keys in another order and other white space as the same release', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[0]);
    const reordered = JSON.stringify({ units: general.releases[0].units, asOf: general.releases[0].asOf, label: general.releases[0].label }, null, 4);
    const again = await post(raceId, undefined, reordered);
    expect(parse(again)).toMatchObject({ status: 'duplicate', releaseIndex: 0 });
  });

  it('refuses an out-of-order release with 409 and stores nothing', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[5]);
    const late = await post(raceId, general.releases[4]);
    expect(late.statusCode).toBe(409);
    expect(parse(late).error.issues.join('\n')).toMatch(/^asOf: expected a time after the previous release/m);
    expect(await storedReleases(raceId)).toHaveLength(1);
  });

  it('answers 200 with its index for an older release sent again unchanged, as for the newest', async () => {
    const raceId = await newRace();
    for (const release of general.releases.slice(0, 3)) await post(raceId, release);
    const again = await post(raceId, general.releases[1]);
    expect(again.statusCode).toBe(200);
    expect(parse(again)).toMatchObject({ status: 'duplicate', releaseIndex: 1, asOf: general.releases[1].asOf });
    expect(await storedReleases(raceId)).toHaveLength(3);
  });

  it('refuses an older release sent again with different counts as a conflict', async () => {
    const raceId = await newRace();
    for (const release of general.releases.slice(0, 3)) await post(raceId, release);
    const changed = structuredClone(general.releases[1]) as Release;
    (changed.units[0].counted as Record<string, number>).bass += 1;
    const response = await post(raceId, changed);
    expect(response.statusCode).toBe(409);
    expect(parse(response).error.message).toMatch(/already stored \(release 1\); releases are immutable/);
    expect(await storedReleases(raceId)).toHaveLength(3);
  });

  it('refuses a different release with the same asOf as a conflict', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[0]);
    const changed = structuredClone(general.releases[0]) as Release;
    (changed.units[0].counted as Record<string, number>).bass += 1;
    const response = await post(raceId, changed);
    expect(response.statusCode).toBe(409);
    expect(parse(response).error.message).toMatch(/already stored/);
  });

  it('never lets a slow run for an older release overwrite a newer latest.json', async () => {
    const raceId = await newRace();
    const older = parse(await post(raceId, general.releases[0])).run.runId;
    await pipeline.queue.drain();
    const newer = parse(await post(raceId, general.releases[1])).run.runId;
    await pipeline.queue.drain();
    // A rerun of the older release, as if it had been slow and finished last.
    const rerun = parse(await pipeline.routes.requestRun(request({ raceId }, { releaseIndex: 0 }))).runId;
    await pipeline.queue.drain();
    const latest = JSON.parse((await readObject(`races/${raceId}/latest.json`)).text);
    expect(latest.release.index).toBe(1);
    expect(parse(await pipeline.routes.getRun(request({ raceId, runId: rerun }))).status).toBe('superseded');
    expect([older, newer]).toHaveLength(2);
  });

  it('keeps latest.json on the newest release when two runs of one race race each other', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[0]);
    await post(raceId, general.releases[1]);
    await pipeline.queue.drain();
    const store = pipeline.deps.store;
    // Two runs handled at the same moment, outside the queue's per-race order.
    const runs = await Promise.all([0, 1].map((releaseSeq) => createRun(raceId, releaseSeq)));
    const { makeRunForecastHandler } = await import('../../functions/handlers/run-forecast.ts');
    const { S3ForecastPublisher } = await import('../../functions/adapters/s3-forecast-publisher.ts');
    const handle = makeRunForecastHandler({
      store,
      publisher: new S3ForecastPublisher({ client: stack.s3Client, bucketName: stack.bucketName }),
      logger: pipeline.deps.logger,
      now: () => new Date().toISOString(),
      isTransient: () => false,
      jobs: pipeline.deps.jobs,
      jobQueue: pipeline.deps.jobQueue,
    });
    const delivery = { receiveCount: 1, maxReceives: 3, deadline: new Date(Date.now() + 60_000).toISOString() };
    const outcomes = await Promise.all(runs.map((runId) => handle({ raceId, runId }, delivery)));
    expect(outcomes.every((outcome) => outcome === 'published' || outcome === 'superseded')).toBe(true);
    const latest = JSON.parse((await readObject(`races/${raceId}/latest.json`)).text);
    expect(latest.release.index).toBe(1);
    expect((await store.getRace(raceId))?.published?.seq).toBe(1);
  });

  it('refuses a run too big for the run function with 400 naming draws and the most that fit, and queues nothing', async () => {
    const raceId = await newRace();
    await post(raceId, manyUnits(400));
    await pipeline.queue.drain();
    const runsBefore = await runCount(raceId);
    const response = await pipeline.routes.requestRun(request({ raceId }, { draws: 200_000 }));
    expect(response.statusCode).toBe(400);
    expect(parse(response).error.issues).toEqual([
      'draws: 200000 draws × 400 units × 2 candidates is 160000000 unit-draws × candidates; a run may do at most 150000000, ' +
        "so that it ends within the run function's 60 s: at most 187500 draws for this release",
    ]);
    expect(await runCount(raceId)).toBe(runsBefore);
    expect((await pipeline.routes.requestRun(request({ raceId }, { draws: 187_500, seed: 'fits' }))).statusCode).toBe(202);
  });

  it('gives a release’s run fewer draws than the default when the default would not fit', async () => {
    const raceId = await newRace();
    // Small units (no name, no range), so that 4,000 of them fit in a release.
    const small = { ...general.releases[0], units: Array.from({ length: 4_000 }, (_, index) => ({ id: `u${index}`, counted: { bass: 5, caruso: 5 }, outstanding: { expected: 10 } })) };
    const posted = parse(await post(raceId, small));
    await pipeline.queue.drain();
    expect(await pipeline.deps.store.getRun(raceId, posted.run.runId)).toMatchObject({ status: 'published', draws: 18_750 });
  });

  /** How many runs the race has in the table. */
  async function runCount(raceId: string): Promise<number> {
    const page = await DynamoDBDocumentClient.from(stack.dynamoClient).send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `RACE#${raceId}`, ':prefix': 'RUN#' },
        ConsistentRead: true,
        Select: 'COUNT',
      }),
    );
    return page.Count ?? 0;
  }

  async function createRun(raceId: string, releaseSeq: number): Promise<string> {
    const runId = `race-run-${raceId}-${releaseSeq}`;
    await pipeline.deps.store.createRun({ raceId, runId, releaseSeq, draws: 2000, status: 'queued', trigger: 'request', requestedAt: new Date().toISOString() });
    return runId;
  }

  /** A valid first release of the general with `count` units, each a copy of its first unit. */
  function manyUnits(count: number): Release {
    const first = general.releases[0];
    return { ...first, units: Array.from({ length: count }, (_, index) => ({ ...first.units[0], id: `unit-${index}` })) };
  }

  describe('bad input gets a 4xx naming the field, and nothing is stored', () => {
    const cases: [string, (raceId: string) => Promise<HttpResponse>, number, RegExp][] = [
      ['invalid JSON', (raceId) => post(raceId, undefined, '{"asOf": '), 400, /not valid JSON/],
      ['wrong types', (raceId) => post(raceId, { asOf: 5, units: 'none' }), 400, /asOf: /],
      ['an unknown candidate', (raceId) => post(raceId, withCount('dan', 5)), 400, /units\[0\]\.counted\.dan: unknown candidate "dan"/],
      ['a negative count', (raceId) => post(raceId, withCount('bass', -3)), 400, /units\[0\]\.counted\.bass: expected a whole number >= 0/],
      ['a fractional count', (raceId) => post(raceId, withCount('bass', 10.5)), 400, /units\[0\]\.counted\.bass: expected a whole number >= 0/],
      ['an oversized payload', (raceId) => post(raceId, undefined, `{"asOf":"${'x'.repeat(1_100_000)}"}`), 413, /limit is 1048576/],
      ['a valid release under the body limit but over what one stored release may hold', (raceId) => post(raceId, manyUnits(4500)), 413, /the release is \d+ bytes as compact JSON; the limit is 350000 bytes/],
    ];
    for (const [name, act, status, message] of cases) {
      it(name, async () => {
        const raceId = await newRace();
        const response = await act(raceId);
        expect(response.statusCode).toBe(status);
        const error = parse(response).error;
        expect([error.message, ...(error.issues ?? [])].join('\n')).toMatch(message);
        expect(await storedReleases(raceId)).toEqual([]);
      });
    }

    it('counts that go down without a correction flag', async () => {
      const raceId = await newRace();
      await post(raceId, general.releases[2]);
      const response = await post(raceId, { ...withCount('bass', 100), asOf: general.releases[3].asOf });
      expect(response.statusCode).toBe(400);
      expect(parse(response).error.issues).toContain(
        'units[0].counted.bass: went down from 185672 to 100; set "correction": true on the unit if the office corrected it',
      );
      expect(await storedReleases(raceId)).toHaveLength(1);
    });

    it('a release for an unknown race', async () => {
      const response = await post('no-such-race', general.releases[0]);
      expect(response.statusCode).toBe(404);
      expect(parse(response).error.message).toMatch(/unknown race "no-such-race"/);
      expect(await pipeline.deps.store.getRace('no-such-race')).toBeUndefined();
    });

    it('missing authorization', async () => {
      const raceId = await newRace();
      const unsigned: HttpRequest = { pathParameters: { raceId }, body: JSON.stringify(general.releases[0]), requestContext: {} };
      const response = await pipeline.routes.postRelease(unsigned);
      expect(response.statusCode).toBe(403);
      expect(await storedReleases(raceId)).toEqual([]);
    });

    it('a race whose body does not match its path', async () => {
      const response = await pipeline.routes.putRace(request({ raceId: 'path-id' }, { ...general.race, id: 'body-id' }));
      expect(response.statusCode).toBe(400);
      expect(parse(response).error.issues).toEqual(['id: must match the path (path-id), got body-id']);
      expect(await pipeline.deps.store.getRace('path-id')).toBeUndefined();
    });
  });

  it('leaves no object half-written: every published key reads back as complete JSON', async () => {
    const listing = await stack.s3Client.send(new ListObjectsV2Command({ Bucket: stack.bucketName }));
    for (const { Key } of listing.Contents ?? []) {
      const head = await stack.s3Client.send(new HeadObjectCommand({ Bucket: stack.bucketName, Key }));
      expect(head.ContentType).toBe('application/json; charset=utf-8');
      const { text } = await readObject(Key!);
      expect(() => JSON.parse(text), Key).not.toThrow();
    }
  });
});

/** The general's first release with one count changed. */
function withCount(candidate: string, votes: number): Release {
  const release = structuredClone(general.releases[0]) as Release;
  (release.units[0].counted as Record<string, number>)[candidate] = votes;
  return release;
}
