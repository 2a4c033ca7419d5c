import type { Ingest } from '../../runtime/feed-poll/post-releases.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';

type Route = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * The ingest routes as the poller calls them in AWS: the API's own handlers (PUT race, POST release),
 * called in the process with the request API Gateway would build, so a polled release meets every check
 * and guarantee of a posted one. `caller` stands where API Gateway puts the signer's ARN.
 */
export function handlerIngest(routes: { readonly putRace: Route; readonly postRelease: Route }, caller: string): Ingest {
  const request = (raceId: string, body: unknown): HttpRequest => ({
    pathParameters: { raceId },
    body: JSON.stringify(body),
    requestContext: { authorizer: { iam: { userArn: caller } } },
  });
  const answer = (response: HttpResponse) => ({ status: response.statusCode, body: response.body });
  return {
    putRace: async (race) => answer(await routes.putRace(request(race.id, race))),
    postRelease: async (raceId, release) => answer(await routes.postRelease(request(raceId, release))),
  };
}
