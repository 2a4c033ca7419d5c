import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoPollStateStore } from '../adapters/dynamo-poll-state-store.ts';
import { SecretsManagerSecretReader } from '../adapters/secrets-manager-secret-reader.ts';
import { httpFeedFetcher } from '../../runtime/feed-poll/fetch-feed.ts';
import { handlerIngest } from '../handlers/handler-ingest.ts';
import { makePollFeedHandler } from '../handlers/poll-feed.ts';
import { makePostReleaseHandler } from '../handlers/post-release.ts';
import { makePutRaceHandler } from '../handlers/put-race.ts';
import { apiDependencies } from './api-dependencies.ts';
import { readEnvironment } from './environment.ts';
import { jobRequests } from './job-requests.ts';

const env = readEnvironment(['TABLE_NAME', 'FEEDS', 'PUBLISH_QUEUE_URL']);
const api = apiDependencies();
const client = new DynamoDBClient({});
const poll = makePollFeedHandler({
  feeds: env.FEEDS,
  states: new DynamoPollStateStore(client, env.TABLE_NAME),
  store: api.store,
  // The same handlers as the API's routes, so polled releases go through the same ingest code.
  ingest: handlerIngest({ putRace: makePutRaceHandler({ ...api, ...jobRequests(client, env.TABLE_NAME, env.PUBLISH_QUEUE_URL) }), postRelease: makePostReleaseHandler(api) }, 'ballotcast-poller'),
  fetcherFor: httpFeedFetcher,
  secrets: new SecretsManagerSecretReader(new SecretsManagerClient({})),
  logger: new Logger(),
  clock: () => Date.now(),
});

/** Invoked by EventBridge Scheduler with `{ "feedId": … }`, one schedule per configured feed. */
export const handler = (event: unknown) => poll(event);
