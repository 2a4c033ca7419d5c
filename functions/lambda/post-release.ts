import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makePostReleaseHandler } from '../handlers/post-release.ts';
import { apiDependencies } from './api-dependencies.ts';

const route = makePostReleaseHandler(apiDependencies());

export const handler = (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> => route(event);
