import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The AWS side of the run-forecast Lambda alone: the clients and the logger its cold start makes, none of
// ballotcast's code. `npm run bench` bundles it as the function is bundled and times its import, for scale.
export const clients = [new DynamoDBClient({}), new S3Client({}), new SQSClient({}), DynamoDBDocumentClient, new Logger()];
