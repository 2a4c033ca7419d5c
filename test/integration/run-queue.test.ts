import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/pipeline/records.ts';
import { DynamoRaceStore } from '../../functions/adapters/dynamo-race-store.ts';
import { S3ForecastPublisher } from '../../functions/adapters/s3-forecast-publisher.ts';
import { DynamoPublishJobs } from '../../functions/adapters/dynamo-publish-jobs.ts';
import { makePublishJobHandler } from '../../functions/handlers/publish-job.ts';
import { InProcessJobQueue } from '../../local/in-process-job-queue.ts';
import { isTransientError } from '../../functions/adapters/transient-errors.ts';
import { makeGetRunHandler } from '../../functions/handlers/get-run.ts';
import { makeRunBatchHandler } from '../../functions/handlers/run-batch.ts';
import { makeRunForecastHandler } from '../../functions/handlers/run-forecast.ts';
import { LOCAL_CREDENTIALS, makeS3Client } from '../../local/clients.ts';
import { startFaultProxy, type Fault } from './fault-proxy.ts';
import { hashOf, sampleRace, sampleRelease, uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

// The run function's SQS path, as Lambda drives it: SQS-shaped batches into the batch handler, with the real
// run handler on DynamoDB Local and s3rver. S3 calls go through a proxy that fails chosen races' requests as
// S3 does under load, so transient failures are real HTTP failures.

const stack = useLocalStack();
const logger = new Logger({ serviceName: 'run-queue-test', logLevel: 'SILENT' });
const NOW = '2026-11-03T20:00:00.000Z';
const MINUTE = 60_000;

/** Races whose S3 writes the proxy fails, and how. */
const faults = new Map<string, Fault>();

describe('the run function on SQS batches (DynamoDB Local, s3rver)', () => {
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let store: DynamoRaceStore;
  let batch: ReturnType<typeof makeRunBatchHandler>;

  beforeAll(async () => {
    proxy = await startFaultProxy(stack().s3Endpoint, (request) => {
      const raceId = /\/races\/([^/]+)\//.exec(request.url ?? '')?.[1];
      return (raceId === undefined ? undefined : faults.get(raceId)) ?? 'pass';
    });
    store = new DynamoRaceStore({ client: stack().dynamoClient, tableName: stack().tableName });
    // One attempt per S3 call: the SDK's own retries would only make the failures slower.
    const s3Client = makeS3Client({ endpoint: proxy.url, region: stack().region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    const publisher = new S3ForecastPublisher({ client: s3Client, bucketName: stack().bucketName });
    const jobs = new DynamoPublishJobs({ client: stack().dynamoClient, tableName: stack().tableName });
    const jobQueue = new InProcessJobQueue(makePublishJobHandler({ jobs, publisher, logger }), { retryDelayMs: 1 });
    const runForecast = makeRunForecastHandler({ store, publisher, logger, now: () => new Date().toISOString(), isTransient: isTransientError, jobs, jobQueue });
    batch = makeRunBatchHandler({ runForecast, logger, nowMs: () => Date.now(), maxReceives: 3 });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  /** A race with `releases` releases, whose S3 writes meet `fault`. */
  async function newRace(prefix: string, fault: Fault = 'pass', releases = 1): Promise<string> {
    const raceId = uniqueRaceId(prefix);
    faults.set(raceId, fault);
    await store.putRace(sampleRace(raceId), NOW);
    for (let seq = 0; seq < releases; seq += 1) {
      const release = sampleRelease(`2026-11-03T${20 + seq}:00:00Z`, seq + 1);
      await store.appendRelease(raceId, release, hashOf(release), seq, NOW);
    }
    return raceId;
  }

  let runCounter = 0;
  async function newRun(raceId: string, fields: Partial<RunRecord> = {}): Promise<string> {
    runCounter += 1;
    const runId = `r000000-queue-${runCounter}`;
    await store.createRun({ raceId, runId, releaseSeq: 0, draws: 2_000, status: 'queued', trigger: 'request', requestedAt: NOW, ...fields });
    return runId;
  }

  const status = async (raceId: string, runId: string) => (await store.getRun(raceId, runId))?.status;

  /** Breaks release `seq` of a race in the table, as a bug or a hand edit could: its units are not a list. */
  async function corruptRelease(raceId: string, seq: number): Promise<void> {
    await DynamoDBDocumentClient.from(stack().dynamoClient).send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { PK: `RACE#${raceId}`, SK: `RELEASE#${String(seq).padStart(6, '0')}` },
        UpdateExpression: 'SET #release.#units = :units',
        ExpressionAttributeNames: { '#release': 'release', '#units': 'units' },
        ExpressionAttributeValues: { ':units': 'not a list' },
      }),
    );
  }

  let messageCounter = 0;
  /** An SQS FIFO record as Lambda passes it; the group is the race, as SqsRunQueue sends it. */
  function sqsRecord(body: unknown, options: { group?: string; receiveCount?: number } = {}): SQSRecord {
    messageCounter += 1;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const group = options.group ?? (body as { raceId?: string }).raceId ?? 'unknown';
    return {
      messageId: `message-${messageCounter}`,
      receiptHandle: `handle-${messageCounter}`,
      body: text,
      attributes: {
        ApproximateReceiveCount: String(options.receiveCount ?? 1),
        SentTimestamp: '1700000000000',
        SenderId: 'AIDATEST',
        ApproximateFirstReceiveTimestamp: '1700000000000',
        MessageGroupId: group,
        MessageDeduplicationId: `dedup-${messageCounter}`,
        SequenceNumber: String(messageCounter),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:runs.fifo',
      awsRegion: 'us-east-1',
    };
  }
  const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
  const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) => response.batchItemFailures.map((failure) => failure.itemIdentifier);

  it('returns exactly the transient failures of a mixed batch, and acknowledges the rest', async () => {
    const good = await newRace('good');
    const broken = await newRace('broken');
    await corruptRelease(broken, 0);
    const throttled = await newRace('throttled', 'slow-down');
    const dropped = await newRace('dropped', 'reset');
    const exhausted = await newRace('exhausted', 'slow-down');
    const runs = {
      good: await newRun(good),
      broken: await newRun(broken),
      tooBig: await newRun(good, { draws: 40_000_000 }),
      throttled: await newRun(throttled),
      dropped: await newRun(dropped),
      exhausted: await newRun(exhausted),
    };
    const records = {
      good: sqsRecord({ raceId: good, runId: runs.good }),
      notJson: sqsRecord('{"raceId": "x", ', { group: 'x' }),
      missingRunId: sqsRecord({ raceId: good }),
      extraKey: sqsRecord({ raceId: good, runId: runs.good, draws: 5 }),
      badId: sqsRecord({ raceId: '../etc', runId: runs.good }),
      unknownRace: sqsRecord({ raceId: uniqueRaceId('nobody'), runId: 'r000000-nobody' }),
      broken: sqsRecord({ raceId: broken, runId: runs.broken }),
      tooBig: sqsRecord({ raceId: good, runId: runs.tooBig }),
      throttled: sqsRecord({ raceId: throttled, runId: runs.throttled }),
      dropped: sqsRecord({ raceId: dropped, runId: runs.dropped }),
      exhausted: sqsRecord({ raceId: exhausted, runId: runs.exhausted }, { receiveCount: 3 }),
    };

    const response = await batch(event(...Object.values(records)), 5 * MINUTE);

    expect(failedIds(response).sort()).toEqual([records.throttled, records.dropped, records.exhausted].map((record) => record.messageId).sort());
    expect(await store.getRun(good, runs.good)).toMatchObject({ status: 'published', attempt: 1 });
    expect(await store.getRun(broken, runs.broken)).toMatchObject({ status: 'failed', error: expect.stringMatching(/units/) });
    expect(await store.getRun(good, runs.tooBig)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^too big for the run function: 40000000 draws × 2 units × 2 candidates is 160000000 unit-draws × candidates; .* at most 37500000 draws for this release$/),
    });
    expect(await store.getRun(throttled, runs.throttled)).toMatchObject({
      status: 'queued',
      retryError: expect.stringMatching(/^delivery 1 of 3 failed and will be retried: .*\(HTTP 503\)$/),
    });
    expect(await store.getRun(dropped, runs.dropped)).toMatchObject({ status: 'queued', retryError: expect.stringMatching(/^delivery 1 of 3 failed/) });
    expect(await store.getRun(exhausted, runs.exhausted)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^transient failure on the last delivery 3 of 3: /),
    });
  });

  it('runs a run again once its transient failure has passed', async () => {
    const raceId = await newRace('recovers', 'slow-down');
    const runId = await newRun(raceId);
    expect(failedIds(await batch(event(sqsRecord({ raceId, runId })), 5 * MINUTE))).toHaveLength(1);

    faults.set(raceId, 'pass');
    const again = await batch(event(sqsRecord({ raceId, runId }, { receiveCount: 2 })), 5 * MINUTE);

    expect(failedIds(again)).toEqual([]);
    expect(await store.getRun(raceId, runId)).toMatchObject({ status: 'published', attempt: 2, retryError: expect.stringMatching(/^delivery 1 of 3/) });
  });

  it('holds back the later runs of a race whose run failed transiently, in order, and runs other races', async () => {
    const flaky = await newRace('held', 'slow-down');
    const other = await newRace('other');
    const [first, second, elsewhere] = [await newRun(flaky), await newRun(flaky), await newRun(other)];
    const records = [sqsRecord({ raceId: flaky, runId: first }), sqsRecord({ raceId: flaky, runId: second }), sqsRecord({ raceId: other, runId: elsewhere })];

    const response = await batch(event(...records), 5 * MINUTE);

    expect(failedIds(response)).toEqual([records[0].messageId, records[1].messageId]);
    const held = await store.getRun(flaky, second);
    expect([held?.status, held?.startedAt]).toEqual(['queued', undefined]);
    expect(await status(other, elsewhere)).toBe('published');
  });

  it('does not let a run that cannot succeed hold up the race: the next run is handled at once', async () => {
    const raceId = await newRace('unblocked', 'pass', 2);
    await corruptRelease(raceId, 1);
    const doomed = await newRun(raceId, { releaseSeq: 1 });
    const next = await newRun(raceId, { releaseSeq: 0 });

    const response = await batch(event(sqsRecord({ raceId, runId: doomed }), sqsRecord({ raceId, runId: next })), 5 * MINUTE);

    expect(failedIds(response)).toEqual([]);
    expect(await status(raceId, doomed)).toBe('failed');
    expect(await status(raceId, next)).toBe('published');
  });

  it('records a run stopped by its timeout as timed-out when its message comes back, and runs the next one', async () => {
    const raceId = await newRace('stopped');
    const past = new Date(Date.now() - MINUTE).toISOString();
    const stopped = await newRun(raceId, { status: 'running', startedAt: NOW, deadline: past, attempt: 1 });
    const next = await newRun(raceId);

    const response = await batch(event(sqsRecord({ raceId, runId: stopped }, { receiveCount: 2 }), sqsRecord({ raceId, runId: next })), 5 * MINUTE);

    expect(failedIds(response)).toEqual([]);
    expect(await store.getRun(raceId, stopped)).toMatchObject({ status: 'timed-out', error: expect.stringContaining(`still running at its deadline (${past})`) });
    expect(await status(raceId, next)).toBe('published');
  });

  it('leaves a run that another delivery is still running before its deadline, and asks for it again', async () => {
    const raceId = await newRace('busy');
    const future = new Date(Date.now() + 5 * MINUTE).toISOString();
    const runId = await newRun(raceId, { status: 'running', startedAt: NOW, deadline: future, attempt: 1 });

    const response = await batch(event(sqsRecord({ raceId, runId }, { receiveCount: 2 })), 5 * MINUTE);

    expect(failedIds(response)).toHaveLength(1);
    expect(await store.getRun(raceId, runId)).toMatchObject({ status: 'running', deadline: future, attempt: 1 });
  });

  it('gives each run the invocation’s deadline, and acknowledges a published run delivered again', async () => {
    const raceId = await newRace('deadline');
    const runId = await newRun(raceId);
    const before = Date.now();

    await batch(event(sqsRecord({ raceId, runId })), 2 * MINUTE);
    const again = await batch(event(sqsRecord({ raceId, runId }, { receiveCount: 2 })), 2 * MINUTE);

    const run = await store.getRun(raceId, runId);
    expect(run?.status).toBe('published');
    expect(Date.parse(run?.deadline ?? '')).toBeGreaterThanOrEqual(before + 2 * MINUTE);
    expect(Date.parse(run?.deadline ?? '')).toBeLessThan(Date.now() + 2 * MINUTE);
    expect(failedIds(again)).toEqual([]);
    expect(await store.getRun(raceId, runId)).toEqual(run);
  });

  it('get-run reports a run still running past its deadline as timed-out, and one before it as running', async () => {
    const raceId = await newRace('report');
    const past = new Date(Date.now() - MINUTE).toISOString();
    const future = new Date(Date.now() + MINUTE).toISOString();
    const stale = await newRun(raceId, { status: 'running', startedAt: NOW, deadline: past });
    const live = await newRun(raceId, { status: 'running', startedAt: NOW, deadline: future });
    const getRun = makeGetRunHandler({ store, logger, publicBaseUrl: 'http://127.0.0.1/public', now: () => new Date().toISOString() });
    const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };
    const read = async (runId: string) => JSON.parse((await getRun({ pathParameters: { raceId, runId }, requestContext: signed })).body);

    expect(await read(stale)).toMatchObject({ status: 'timed-out', deadline: past, error: expect.stringContaining('stopped, most likely by its timeout') });
    expect(await read(live)).toMatchObject({ status: 'running', deadline: future });
    expect(await status(raceId, stale)).toBe('running');
  });
});
