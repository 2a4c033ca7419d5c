import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoRaceStore } from '../adapters/dynamo-race-store.ts';
import { makePutRaceHandler } from '../handlers/put-race.ts';
import { readEnvironment } from './environment.ts';
import { jobRequests } from './job-requests.ts';

const env = readEnvironment(['TABLE_NAME', 'MAX_BODY_BYTES', 'PUBLISH_QUEUE_URL']);
const client = new DynamoDBClient({});
const route = makePutRaceHandler({
  store: new DynamoRaceStore({ client, tableName: env.TABLE_NAME }),
  ...jobRequests(client, env.TABLE_NAME, env.PUBLISH_QUEUE_URL),
  logger: new Logger(),
  now: () => new Date().toISOString(),
  maxBodyBytes: env.MAX_BODY_BYTES,
});

export const handler = (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => route(event);
