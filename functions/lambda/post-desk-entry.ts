import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makePostCallHandler, makePostOverrideHandler } from '../handlers/post-desk-entry.ts';
import { apiDependencies } from './api-dependencies.ts';

const deps = apiDependencies();
const postCall = makePostCallHandler(deps);
const postOverride = makePostOverrideHandler(deps);

/** One function for the desk's two routes: POST /races/{raceId}/calls and POST /races/{raceId}/overrides. */
export const handler = (event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> =>
  (event.routeKey.endsWith('/overrides') ? postOverride : postCall)(event);
