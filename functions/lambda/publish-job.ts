import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoPublishJobs } from '../adapters/dynamo-publish-jobs.ts';
import { S3ForecastPublisher } from '../adapters/s3-forecast-publisher.ts';
import { makePublishJobHandler } from '../handlers/publish-job.ts';
import { makePublishJobBatchHandler } from '../handlers/publish-job-batch.ts';
import { readEnvironment } from './environment.ts';

const env = readEnvironment(['TABLE_NAME', 'BUCKET_NAME']);
const logger = new Logger();
const publishJob = makePublishJobHandler({
  jobs: new DynamoPublishJobs({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
  publisher: new S3ForecastPublisher({ client: new S3Client({}), bucketName: env.BUCKET_NAME }),
  logger,
});
const batch = makePublishJobBatchHandler({ publishJob, logger });

/** SQS FIFO batch of publish jobs (index.json, an election's summary.json). */
export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => batch(event);
