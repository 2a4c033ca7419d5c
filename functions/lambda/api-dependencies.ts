import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoRaceStore } from '../adapters/dynamo-race-store.ts';
import { SqsRunQueue } from '../adapters/sqs-run-queue.ts';
import type { ApiDependencies } from '../handlers/dependencies.ts';
import { readEnvironment } from './environment.ts';

/** A run id that sorts by release, then time: r000014-<time>-<random>. */
export function newRunId(releaseSeq: number, now = new Date()): string {
  const time = now.toISOString().replace(/[-:.]/g, '').replace('T', 't').toLowerCase();
  return `r${String(releaseSeq).padStart(6, '0')}-${time}-${randomUUID().slice(0, 8)}`;
}

/** The API functions' dependencies in AWS, built once per cold start. */
export function apiDependencies(): ApiDependencies {
  const env = readEnvironment(['TABLE_NAME', 'QUEUE_URL', 'PUBLIC_BASE_URL', 'MAX_BODY_BYTES', 'RELEASE_DRAWS']);
  return {
    store: new DynamoRaceStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
    releaseDraws: env.RELEASE_DRAWS,
    queue: new SqsRunQueue({ client: new SQSClient({}), queueUrl: env.QUEUE_URL }),
    logger: new Logger(),
    now: () => new Date().toISOString(),
    newRunId: (releaseSeq) => newRunId(releaseSeq),
    maxBodyBytes: env.MAX_BODY_BYTES,
    publicBaseUrl: env.PUBLIC_BASE_URL,
  };
}
