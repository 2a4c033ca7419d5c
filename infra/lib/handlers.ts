// The Lambda handlers of the stack, and what each may do to the table.

/** Handler sources, relative to the repository root. Each exports `handler`. */
export const HANDLER_ENTRIES = {
  putRace: 'functions/lambda/put-race.ts',
  postRelease: 'functions/lambda/post-release.ts',
  requestRun: 'functions/lambda/request-run.ts',
  getRun: 'functions/lambda/get-run.ts',
  postDeskEntry: 'functions/lambda/post-desk-entry.ts',
  runForecast: 'functions/lambda/run-forecast.ts',
  pollFeed: 'functions/lambda/poll-feed.ts',
  publishJob: 'functions/lambda/publish-job.ts',
} as const;

export type HandlerName = keyof typeof HANDLER_ENTRIES;

/**
 * The DynamoDB actions each function's code sends, through DynamoRaceStore
 * (functions/adapters/dynamo-race-store.ts), and nothing more:
 * - putRace: putRace reads the race (GetItem), then creates it (PutItem) or renames it (UpdateItem); then
 *   it writes the race's index entry (PutItem) and requests the index job (UpdateItem);
 * - postRelease: getRace, getRelease (GetItem), findRelease (Query), appendRelease (a TransactWriteItems
 *   of one Update and one Put, which IAM authorizes as UpdateItem and PutItem; there is no IAM action
 *   TransactWriteItems), and createRun (PutItem);
 * - requestRun: getRace (GetItem) and createRun (PutItem);
 * - getRun: getRun (GetItem);
 * - postDeskEntry: getRace, getRelease (GetItem), recordDeskEntry (UpdateItem; a GetItem after a refusal),
 *   and createRun (PutItem);
 * - runForecast: getRun, getRace (GetItem), updateRun, claimLatest (UpdateItem), listReleases,
 *   listHistory (Query); writes the race's index entry and night entry (PutItem) and requests publish
 *   jobs (UpdateItem). It creates no race, release or run item;
 * - pollFeed: what putRace and postRelease send (it calls their handlers), and its poll state, read
 *   (GetItem) and written whole (PutItem; functions/adapters/dynamo-poll-state-store.ts);
 * - publishJob: clears the job's queued mark (UpdateItem), lists index or night entries (Query).
 * No function deletes, batch-writes, scans or makes a condition check of its own (ConditionCheckItem).
 * listRaces and listRuns are called only by the local dev server, when it re-queues unfinished runs after a restart.
 */
export const TABLE_ACTIONS = {
  putRace: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  postRelease: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  requestRun: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  getRun: ['dynamodb:GetItem'],
  postDeskEntry: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  runForecast: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  publishJob: ['dynamodb:Query', 'dynamodb:UpdateItem'],
  pollFeed: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
} as const satisfies Readonly<Record<HandlerName, readonly string[]>>;
