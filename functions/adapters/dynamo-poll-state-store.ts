import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { checkedId } from '../../core/schemas/index.ts';
import { PollStateSchema, type PollState } from '../../feeds/poll/poll-state.ts';
import type { PollStateStore } from '../ports/poll-state-store.ts';

/** A feed's poll state item: its own partition, `FEED#{feedId}`, beside the races' (docs/storage.md). */
export const pollStateKey = (feedId: string) => ({ PK: `FEED#${checkedId(feedId)}`, SK: 'POLL' });

/**
 * Poll state in the races' table. Only the poller writes it, and one invocation at a time (the function's
 * reserved concurrency is 1), so a plain put is enough: a lost race between two writers cannot happen.
 */
export class DynamoPollStateStore implements PollStateStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBDocumentClient | DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.client = client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(feedId: string): Promise<PollState | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: pollStateKey(feedId), ConsistentRead: true }));
    return Item === undefined ? undefined : PollStateSchema.parse(Item.state);
  }

  async put(feedId: string, state: PollState, now: string): Promise<void> {
    const item = { ...pollStateKey(feedId), state: PollStateSchema.parse(state), updatedAt: now };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }
}
