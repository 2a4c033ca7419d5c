import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoPublishJobs } from '../adapters/dynamo-publish-jobs.ts';
import { SqsPublishJobQueue } from '../adapters/sqs-publish-job-queue.ts';
import type { JobRequestDependencies } from '../handlers/dependencies.ts';

/** What a function that requests publish jobs needs in AWS: the table's job items and the publish queue. */
export function jobRequests(client: DynamoDBClient, tableName: string, publishQueueUrl: string): Omit<JobRequestDependencies, 'now'> {
  return {
    jobs: new DynamoPublishJobs({ client, tableName }),
    jobQueue: new SqsPublishJobQueue({ client: new SQSClient({}), queueUrl: publishQueueUrl }),
  };
}
