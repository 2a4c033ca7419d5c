import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoRaceStore } from '../functions/adapters/dynamo-race-store.ts';
import { S3ForecastPublisher } from '../functions/adapters/s3-forecast-publisher.ts';
import type { ApiDependencies, JobRequestDependencies } from '../functions/handlers/dependencies.ts';
import { makeGetRunHandler } from '../functions/handlers/get-run.ts';
import { makePostCallHandler, makePostOverrideHandler } from '../functions/handlers/post-desk-entry.ts';
import { makePostReleaseHandler } from '../functions/handlers/post-release.ts';
import { makePutRaceHandler } from '../functions/handlers/put-race.ts';
import { makeRequestRunHandler } from '../functions/handlers/request-run.ts';
import { makeRunForecastHandler } from '../functions/handlers/run-forecast.ts';
import { isTransientError } from '../functions/adapters/transient-errors.ts';
import { newRunId } from '../functions/lambda/api-dependencies.ts';
import { DEFAULT_DRAWS } from '../core/pipeline/run-size.ts';
import { DynamoPublishJobs } from '../functions/adapters/dynamo-publish-jobs.ts';
import { makePublishJobHandler } from '../functions/handlers/publish-job.ts';
import { InProcessJobQueue } from './in-process-job-queue.ts';
import { InProcessRunQueue, type InProcessRunQueueOptions } from './in-process-queue.ts';
import type { LocalRoutes, PublicObject } from './local-api-server.ts';

/** The servers' coordinates, as the local stack gives them. */
export interface LocalServers {
  readonly dynamoClient: DynamoDBClient;
  readonly s3Client: S3Client;
  readonly tableName: string;
  readonly bucketName: string;
}

/**
 * The real handlers on real adapters pointed at the local servers, with the in-process run queue and
 * publish queue (`queue.drain()` waits for both).
 */
export interface LocalPipeline {
  readonly routes: LocalRoutes;
  readonly queue: InProcessRunQueue;
  readonly jobQueue: InProcessJobQueue;
  readonly deps: ApiDependencies & JobRequestDependencies;
}

export interface LocalPipelineOptions {
  readonly logLevel?: 'SILENT' | 'INFO';
  readonly publicBaseUrl?: string;
  readonly queue?: InProcessRunQueueOptions;
  /** Draws of a release's run, and of the night's (default 20,000, as in AWS). */
  readonly releaseDraws?: number;
  /** Wraps each port before the handlers get it, e.g. to time its calls (bench/night.ts). Default: none. */
  readonly instrument?: <Port extends object>(name: string, port: Port) => Port;
}

export function buildLocalPipeline(servers: LocalServers, options: LocalPipelineOptions = {}): LocalPipeline {
  const logger = new Logger({ serviceName: 'ballotcast-local', logLevel: options.logLevel ?? 'SILENT' });
  const instrument = options.instrument ?? (<Port extends object>(_name: string, port: Port) => port);
  const store = instrument('dynamodb race store', new DynamoRaceStore({ client: servers.dynamoClient, tableName: servers.tableName }));
  const publisher = instrument('s3 publisher', new S3ForecastPublisher({ client: servers.s3Client, bucketName: servers.bucketName }));
  const jobs = instrument('dynamodb publish jobs', new DynamoPublishJobs({ client: servers.dynamoClient, tableName: servers.tableName }));
  const now = () => new Date().toISOString();
  const jobQueue = new InProcessJobQueue(makePublishJobHandler({ jobs, publisher, logger }));
  const runForecast = makeRunForecastHandler({ store, publisher, logger, now, isTransient: isTransientError, jobs, jobQueue });
  const queue = new InProcessRunQueue(runForecast, { downstream: jobQueue, ...options.queue });
  const deps: ApiDependencies & JobRequestDependencies = {
    store,
    queue,
    jobs,
    jobQueue,
    releaseDraws: options.releaseDraws ?? DEFAULT_DRAWS,
    logger,
    now,
    newRunId: (releaseSeq) => newRunId(releaseSeq),
    maxBodyBytes: 1_048_576,
    publicBaseUrl: options.publicBaseUrl ?? 'http://127.0.0.1/public',
  };
  const routes: LocalRoutes = {
    putRace: makePutRaceHandler(deps),
    postRelease: makePostReleaseHandler(deps),
    requestRun: makeRequestRunHandler(deps),
    getRun: makeGetRunHandler(deps),
    postCall: makePostCallHandler(deps),
    postOverride: makePostOverrideHandler(deps),
    readPublic: (key, ifNoneMatch) => readPublicObject(servers, key, ifNoneMatch),
  };
  return { routes, queue, jobQueue, deps };
}

/** Reads a published object from the local bucket, answering If-None-Match as CloudFront would. */
async function readPublicObject(servers: LocalServers, key: string, ifNoneMatch: string | undefined): Promise<PublicObject | undefined> {
  try {
    const object = await servers.s3Client.send(new GetObjectCommand({ Bucket: servers.bucketName, Key: key }));
    const etag = object.ETag ?? '';
    const notModified = ifNoneMatch !== undefined && ifNoneMatch === etag;
    return {
      body: notModified ? undefined : await object.Body?.transformToString('utf8'),
      contentType: object.ContentType ?? 'application/octet-stream',
      cacheControl: object.CacheControl ?? 'no-cache',
      etag,
      notModified,
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}
