import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_DESK_ENTRIES, type DeskEntry, type RecordDeskEntryResult } from '../ports/race-store.ts';
import { isConditionFailed, isItemTooLarge } from './dynamo-errors.ts';
import { names, plain, raceKey } from './dynamo-items.ts';

/**
 * Appends a desk entry to the race item's list (`deskCalls` or `deskOverrides`) in one conditional update:
 * the race must exist and the list be short of MAX_DESK_ENTRIES, so two writers can never overfill it.
 * A refusal is told apart by reading the item back (`exists`).
 */
export async function recordDeskEntry(
  client: DynamoDBDocumentClient,
  tableName: string,
  raceId: string,
  entry: DeskEntry,
  now: string,
  exists: () => Promise<boolean>,
): Promise<RecordDeskEntryResult> {
  const list = entry.kind === 'call' ? 'deskCalls' : 'deskOverrides';
  const value = plain(entry.kind === 'call' ? entry.call : entry.override);
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: raceKey(raceId),
        UpdateExpression: 'SET #list = list_append(if_not_exists(#list, :empty), :entry), #updatedAt = :now ADD #revision :one',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#list) OR size(#list) < :max)',
        ExpressionAttributeNames: { ...names('updatedAt', 'revision'), '#list': list },
        ExpressionAttributeValues: { ':empty': [], ':entry': [value], ':now': now, ':one': 1, ':max': MAX_DESK_ENTRIES },
      }),
    );
    return { kind: 'stored' };
  } catch (error) {
    if (isItemTooLarge(error)) return { kind: 'too-large', reason: `race ${raceId} cannot hold another desk entry: a DynamoDB item holds at most 400 KB` };
    if (!isConditionFailed(error)) throw error;
    if (!(await exists())) return { kind: 'unknown-race' };
    return { kind: 'full', reason: `race ${raceId} already has ${MAX_DESK_ENTRIES} ${entry.kind}s, the most it keeps` };
  }
}
