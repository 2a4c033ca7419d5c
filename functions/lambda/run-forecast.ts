import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoRaceStore } from '../adapters/dynamo-race-store.ts';
import { S3ForecastPublisher } from '../adapters/s3-forecast-publisher.ts';
import { isTransientError } from '../adapters/transient-errors.ts';
import { makeRunBatchHandler } from '../handlers/run-batch.ts';
import { makeRunForecastHandler } from '../handlers/run-forecast.ts';
import { readEnvironment } from './environment.ts';
import { jobRequests } from './job-requests.ts';

const env = readEnvironment(['TABLE_NAME', 'BUCKET_NAME', 'RUN_MAX_RECEIVES', 'PUBLISH_QUEUE_URL']);
const logger = new Logger();
const client = new DynamoDBClient({});
const runForecast = makeRunForecastHandler({
  store: new DynamoRaceStore({ client, tableName: env.TABLE_NAME }),
  ...jobRequests(client, env.TABLE_NAME, env.PUBLISH_QUEUE_URL),
  publisher: new S3ForecastPublisher({ client: new S3Client({}), bucketName: env.BUCKET_NAME }),
  logger,
  now: () => new Date().toISOString(),
  isTransient: isTransientError,
});
const batch = makeRunBatchHandler({ runForecast, logger, nowMs: () => Date.now(), maxReceives: env.RUN_MAX_RECEIVES });

/** SQS FIFO batch: only transient failures are reported, so the queue retries them and then dead-letters them. */
export const handler = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => batch(event, context.getRemainingTimeInMillis());
