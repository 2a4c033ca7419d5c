import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoRaceStore } from '../functions/adapters/dynamo-race-store.ts';
import { S3ForecastPublisher } from '../functions/adapters/s3-forecast-publisher.ts';
import type { ApiDependencies } from '../functions/handlers/dependencies.ts';
import { makeGetRunHandler } from '../functions/handlers/get-run.ts';
import { makePostReleaseHandler } from '../functions/handlers/post-release.ts';
import { makePutRaceHandler } from '../functions/handlers/put-race.ts';
import { makeRequestRunHandler } from '../functions/handlers/request-run.ts';
import { makeRunForecastHandler } from '../functions/handlers/run-forecast.ts';
import { isTransientError } from '../functions/adapters/transient-errors.ts';
import { newRunId } from '../functions/lambda/api-dependencies.ts';
import { InProcessRunQueue, type InProcessRunQueueOptions } from './in-process-queue.ts';
import type { LocalRoutes, PublicObject } from './local-api-server.ts';

/** The servers' coordinates, as the local stack gives them. */
export interface LocalServers {
  readonly dynamoClient: DynamoDBClient;
  readonly s3Client: S3Client;
  readonly tableName: string;
  readonly bucketName: string;
}

/** The real handlers on real adapters pointed at the local servers, with the in-process run queue. */
export interface LocalPipeline {
  readonly routes: LocalRoutes;
  readonly queue: InProcessRunQueue;
  readonly deps: ApiDependencies;
}

export interface LocalPipelineOptions {
  readonly logLevel?: 'SILENT' | 'INFO';
  readonly publicBaseUrl?: string;
  readonly queue?: InProcessRunQueueOptions;
}

export function buildLocalPipeline(servers: LocalServers, options: LocalPipelineOptions = {}): LocalPipeline {
  const logger = new Logger({ serviceName: 'ballotcast-local', logLevel: options.logLevel ?? 'SILENT' });
  const store = new DynamoRaceStore({ client: servers.dynamoClient, tableName: servers.tableName });
  const publisher = new S3ForecastPublisher({ client: servers.s3Client, bucketName: servers.bucketName });
  const now = () => new Date().toISOString();
  const runForecast = makeRunForecastHandler({ store, publisher, logger, now, isTransient: isTransientError });
  const queue = new InProcessRunQueue(runForecast, options.queue);
  const deps: ApiDependencies = {
    store,
    queue,
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
    readPublic: (key, ifNoneMatch) => readPublicObject(servers, key, ifNoneMatch),
  };
  return { routes, queue, deps };
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
