import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ForecastSchema } from '../../core/schemas/index.ts';
import { general, manyUnits, newRace, parse, pipeline, post, request, stack, usePipeline } from './pipeline-harness.ts';

// Runs and what they publish; how the pipeline takes or refuses releases is tested in pipeline-releases.test.ts.

describe('the pipeline on the local stack (DynamoDB Local and s3rver)', () => {
  usePipeline();

  const readObject = async (key: string) => {
    const object = await stack.s3Client.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: key }));
    return { text: (await object.Body?.transformToString('utf8')) ?? '', contentType: object.ContentType, cacheControl: object.CacheControl };
  };

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
