import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makeRequestRunHandler } from '../handlers/request-run.ts';
import { apiDependencies } from './api-dependencies.ts';

const route = makeRequestRunHandler(apiDependencies());

export const handler = (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => route(event);
