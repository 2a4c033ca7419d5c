import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { RunRequestMessageSchema } from '../../core/pipeline/records.ts';
import { DynamoRaceStore } from '../adapters/dynamo-race-store.ts';
import { S3ForecastPublisher } from '../adapters/s3-forecast-publisher.ts';
import { makeRunForecastHandler } from '../handlers/run-forecast.ts';
import { readEnvironment } from './environment.ts';

const env = readEnvironment(['TABLE_NAME', 'BUCKET_NAME']);
const logger = new Logger();
const runForecast = makeRunForecastHandler({
  store: new DynamoRaceStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
  publisher: new S3ForecastPublisher({ client: new S3Client({}), bucketName: env.BUCKET_NAME }),
  logger,
  now: () => new Date().toISOString(),
});

/** SQS FIFO batch: a failed run is reported alone, so the queue retries it and then dead-letters it. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = RunRequestMessageSchema.safeParse(safeJson(record.body));
    if (!message.success) {
      logger.error('malformed run message; dropping it', { messageId: record.messageId });
      continue;
    }
    try {
      await runForecast(message.data);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
