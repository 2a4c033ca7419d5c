import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoRaceStore } from '../adapters/dynamo-race-store.ts';
import { makeGetRunHandler } from '../handlers/get-run.ts';
import { readEnvironment } from './environment.ts';

const env = readEnvironment(['TABLE_NAME', 'PUBLIC_BASE_URL']);
const route = makeGetRunHandler({
  store: new DynamoRaceStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
  logger: new Logger(),
  publicBaseUrl: env.PUBLIC_BASE_URL,
  now: () => new Date().toISOString(),
});

export const handler = (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => route(event);
