import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IndexEntrySchema, NightEntrySchema, type IndexEntry, type NightEntry, type PublishJob } from '../../core/pipeline/records.ts';
import { checkedId } from '../../core/schemas/index.ts';
import { PUBLISH_JOB_STALE_MS, type PublishJobStore } from '../ports/publish-jobs.ts';
import { isConditionFailed } from './dynamo-errors.ts';
import { documentClient, names, plain, queryAll } from './dynamo-items.ts';

// The items of the coalesced publish jobs in the single table (docs/storage.md):
// - INDEX / RACE#{raceId}: a race's index entry; INDEX / JOB: the index.json job's queued mark;
// - ELECTION#{electionId} / RACE#{raceId}: a race's latest night run; ELECTION#{electionId} / JOB: the
//   summary job's queued mark.
// Each list is one partition, read with a consistent Query, so an entry written before a job starts is seen.

const INDEX_PARTITION = 'INDEX';
const JOB_SORT_KEY = 'JOB';
const electionPartition = (electionId: string) => `ELECTION#${checkedId(electionId)}`;
const raceSortKey = (raceId: string) => `RACE#${checkedId(raceId)}`;
const jobKey = (job: PublishJob) => ({ PK: job.kind === 'index' ? INDEX_PARTITION : electionPartition(job.electionId), SK: JOB_SORT_KEY });

/** The publish jobs' entries and queued marks on the race table (see the PublishJobStore port). */
export class DynamoPublishJobs implements PublishJobStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { readonly client: DynamoDBDocumentClient | DynamoDBClient; readonly tableName: string }) {
    this.client = documentClient(options.client);
    this.tableName = options.tableName;
  }

  putIndexEntry(entry: IndexEntry): Promise<boolean> {
    const item = plain(IndexEntrySchema.parse(entry));
    return this.putUnlessNewer({ PK: INDEX_PARTITION, SK: raceSortKey(item.race.id), ...item }, 'revision', item.revision);
  }

  async listIndexEntries(): Promise<IndexEntry[]> {
    const items = await this.partition(INDEX_PARTITION);
    return items.map((item) => IndexEntrySchema.parse(item));
  }

  putNightEntry(entry: NightEntry): Promise<boolean> {
    const item = plain(NightEntrySchema.parse(entry));
    return this.putUnlessNewer({ PK: electionPartition(item.election.id), SK: raceSortKey(item.raceId), ...item }, 'releaseSeq', item.releaseSeq);
  }

  async listNightEntries(electionId: string): Promise<NightEntry[]> {
    const items = await this.partition(electionPartition(electionId));
    return items.map((item) => NightEntrySchema.parse(item));
  }

  async requestJob(job: PublishJob, now: string): Promise<boolean> {
    const staleBefore = new Date(Date.parse(now) - PUBLISH_JOB_STALE_MS).toISOString();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(job),
          UpdateExpression: 'SET #queuedAt = :now',
          ConditionExpression: 'attribute_not_exists(#queuedAt) OR #queuedAt < :staleBefore',
          ExpressionAttributeNames: names('queuedAt'),
          ExpressionAttributeValues: { ':now': now, ':staleBefore': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async startJob(job: PublishJob): Promise<void> {
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: jobKey(job), UpdateExpression: 'REMOVE #queuedAt', ExpressionAttributeNames: names('queuedAt') }),
    );
  }

  /** Puts the item unless the stored one has a larger `attribute` (a later revision or release). */
  private async putUnlessNewer(item: Record<string, unknown>, attribute: string, value: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: `attribute_not_exists(PK) OR #${attribute} <= :value`,
          ExpressionAttributeNames: names(attribute),
          ExpressionAttributeValues: { ':value': value },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /** Every RACE# item of a partition, read consistently, in race-id order (the sort key's order). */
  private partition(partition: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': 'RACE#' },
      ConsistentRead: true,
    });
  }
}
