import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient, PutCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { HistoryPoint, RunRecord, RunStatus } from '../../core/pipeline/records.ts';
import { RaceSchema, ReleaseSchema, type Race, type Release } from '../../core/schemas/index.ts';
import type { AppendReleaseResult, DeskEntry, PutRaceResult, RaceStore, RecordDeskEntryResult, StoredRace } from '../ports/race-store.ts';
import { recordDeskEntry } from './dynamo-desk-entries.ts';
import { fixedPartChanged, judgeAppend } from '../ports/race-store-rules.ts';
import { cancellationCodes, isConditionFailed, isItemTooLarge, isTransactionCanceled } from './dynamo-errors.ts';
import { MAX_RELEASES, RACES_INDEX, RACES_PARTITION, documentClient, names, plain, queryAll, racePartition, raceKey, releaseKey, releaseSortKey, storedRace } from './dynamo-items.ts';
import { readRaceWithReleases, readReleases } from './dynamo-race-reads.ts';
import { DynamoRunRecords, type RunUpdate } from './dynamo-run-records.ts';
import { ReleaseCache } from './release-cache.ts';

export { RunExistsError, UnknownRunError } from './dynamo-run-records.ts';

export interface DynamoRaceStoreOptions {
  /** A plain client (wrapped here, leaving out undefined values) or a document client of your own. */
  readonly client: DynamoDBDocumentClient | DynamoDBClient;
  readonly tableName: string;
  /** Units of releases kept between runs (ReleaseCache); default RELEASE_CACHE_UNITS. */
  readonly releaseCacheUnits?: number;
}

/**
 * Units of releases a store keeps by default: more than bench:night's whole night (649,245 units in 6,450
 * releases, which held 180 MB with their canonical texts, about 280 bytes a unit), so about 280 MB at most.
 */
export const RELEASE_CACHE_UNITS = 1_000_000;

/**
 * The race store on one DynamoDB table (single-table design, docs/storage.md). Every promise of the port
 * rests on a condition expression evaluated by DynamoDB, never on a read followed by a blind write:
 * - a release is appended in one transaction that requires `releaseCount = expectedSeq` on the race item
 *   and no item at the release's key, so two appenders can never both take a sequence number;
 * - latest.json is claimed with `publishedSeq <= :seq`, so it never goes back to an older release.
 */
export class DynamoRaceStore implements RaceStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly runs: DynamoRunRecords;
  private readonly releaseCache: ReleaseCache;

  constructor({ client, tableName, releaseCacheUnits }: DynamoRaceStoreOptions) {
    this.client = documentClient(client);
    this.tableName = tableName;
    this.runs = new DynamoRunRecords(this.client, tableName);
    this.releaseCache = new ReleaseCache(releaseCacheUnits ?? RELEASE_CACHE_UNITS);
  }

  async getRace(raceId: string): Promise<StoredRace | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: raceKey(raceId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : storedRace(Item);
  }

  async putRace(input: Race, now: string): Promise<PutRaceResult> {
    const race = plain(RaceSchema.parse(input));
    // A write fails only if another writer changed the race item since we read it; read again and decide again.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const current = await this.getRace(race.id);
      if (current === undefined) {
        const item = { race, createdAt: now, updatedAt: now, releaseCount: 0, revision: 1 };
        try {
          await this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...raceKey(race.id), GSI1PK: RACES_PARTITION, GSI1SK: race.id, ...item },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
          return { kind: 'created', stored: item };
        } catch (error) {
          if (isConditionFailed(error)) continue;
          if (isItemTooLarge(error)) return tooLarge(`race ${race.id}`);
          throw error;
        }
      }
      if (isDeepStrictEqual(current.race, race)) return { kind: 'unchanged', stored: current };
      const refusal = current.releaseCount > 0 ? fixedPartChanged(current.race, race, current.releaseCount) : undefined;
      if (refusal !== undefined) return { kind: 'conflict', reason: refusal };
      try {
        // The count must be what the decision above was based on: a release appended meanwhile was checked
        // against the old candidates, so the new ones must not slip in under it.
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: raceKey(race.id),
            UpdateExpression: 'SET #race = :race, #updatedAt = :now ADD #revision :one',
            ConditionExpression: '#releaseCount = :count',
            ExpressionAttributeNames: names('race', 'updatedAt', 'releaseCount', 'revision'),
            ExpressionAttributeValues: { ':race': race, ':now': now, ':count': current.releaseCount, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { kind: 'updated', stored: storedRace(Attributes) };
      } catch (error) {
        if (isConditionFailed(error)) continue;
        if (isItemTooLarge(error)) return tooLarge(`race ${race.id}`);
        throw error;
      }
    }
    throw new Error(`race ${race.id} kept changing while it was being written; try again`);
  }

  async appendRelease(
    raceId: string,
    release: Release,
    hash: string,
    expectedSeq: number,
    now: string,
    read?: StoredRace,
  ): Promise<AppendReleaseResult> {
    const current = read ?? (await this.getRace(raceId));
    if (current === undefined) return { kind: 'unknown-race' };
    const verdict = judgeAppend(current, release, hash, expectedSeq);
    if (verdict !== undefined) return verdict;
    if (expectedSeq >= MAX_RELEASES) throw new Error(`race ${raceId} has ${MAX_RELEASES} releases, the most this store keeps`);

    // Marks our release item, so that if the SDK retries a transaction whose answer was lost, we can tell
    // our own earlier success from somebody else's release.
    const writeId = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(this.appendTransaction(raceId, plain(release), hash, expectedSeq, now, writeId));
        return { kind: 'stored', seq: expectedSeq };
      } catch (error) {
        if (isItemTooLarge(error)) return tooLarge(`release ${expectedSeq} of ${raceId} (${release.units.length} units)`);
        if (!isTransactionCanceled(error)) throw error;
        const codes = cancellationCodes(error);
        const unexpected = codes.filter((code) => !['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(code));
        if (unexpected.length > 0) throw new Error(`storing release ${expectedSeq} of ${raceId} failed: ${unexpected.join(', ')}`, { cause: error });
        if (await this.isOurRelease(raceId, expectedSeq, writeId)) return { kind: 'stored', seq: expectedSeq };
        const after = await this.getRace(raceId);
        const latest = after?.latestRelease;
        if (latest !== undefined && latest.asOf === release.asOf && latest.hash === hash) return { kind: 'duplicate', seq: latest.seq };
        // Two transactions on one item can both be cancelled by each other; if nothing was stored, try again.
        const nothingStored = after?.releaseCount === expectedSeq && !codes.includes('ConditionalCheckFailed');
        if (!nothingStored || attempt >= 4) {
          return {
            kind: 'conflict',
            reason: `another release was stored at the same time (the race now has ${after?.releaseCount ?? 0} releases); reload and retry`,
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  }

  /** One transaction: the race item's count and pointers move on, and the release item appears; or neither. */
  private appendTransaction(raceId: string, release: Release, hash: string, seq: number, now: string, writeId: string) {
    return new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: raceKey(raceId),
            UpdateExpression:
              'SET #releaseCount = :next, #latestSeq = :seq, #latestAsOf = :asOf, #latestHash = :hash, #updatedAt = :now ADD #revision :one',
            ConditionExpression: '#releaseCount = :seq',
            ExpressionAttributeNames: names('releaseCount', 'latestSeq', 'latestAsOf', 'latestHash', 'updatedAt', 'revision'),
            ExpressionAttributeValues: { ':next': seq + 1, ':seq': seq, ':asOf': release.asOf, ':hash': hash, ':now': now, ':one': 1 },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...releaseKey(raceId, seq), seq, asOf: release.asOf, release, hash, storedAt: now, writeId },
            ConditionExpression: 'attribute_not_exists(SK)',
          },
        },
      ],
    });
  }

  private async isOurRelease(raceId: string, seq: number, writeId: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: releaseKey(raceId, seq),
        ConsistentRead: true,
        ProjectionExpression: '#writeId',
        ExpressionAttributeNames: names('writeId'),
      }),
    );
    return Item?.writeId === writeId;
  }

  async findRelease(raceId: string, asOf: string): Promise<{ seq: number; hash: string } | undefined> {
    // Release items carry asOf and hash beside the release, so the query reads no release bodies back.
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: '#asOf = :asOf',
      ProjectionExpression: '#seq, #hash',
      ExpressionAttributeNames: names('asOf', 'seq', 'hash'),
      ExpressionAttributeValues: { ':pk': racePartition(raceId), ':prefix': 'RELEASE#', ':asOf': asOf },
      ConsistentRead: true,
    });
    if (items.length === 0) return undefined;
    return z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).parse(items[0]);
  }

  async getRelease(raceId: string, seq: number): Promise<Release | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: releaseKey(raceId, seq), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : ReleaseSchema.parse(Item.release);
  }

  listReleases(raceId: string, throughSeq?: number): Promise<Release[]> {
    return readReleases(this.client, this.tableName, raceId, throughSeq);
  }

  getRaceWithReleases(raceId: string, throughSeq: number): Promise<{ stored: StoredRace; releases: Release[] } | undefined> {
    return readRaceWithReleases(this.client, this.tableName, this.releaseCache, raceId, throughSeq);
  }

  createRun(run: RunRecord): Promise<void> {
    return this.runs.createRun(run);
  }

  getRun(raceId: string, runId: string): Promise<RunRecord | undefined> {
    return this.runs.getRun(raceId, runId);
  }

  listRuns(raceId: string): Promise<RunRecord[]> {
    return this.runs.listRuns(raceId);
  }

  startRun(raceId: string, runId: string, fields: RunUpdate): Promise<RunRecord | undefined> {
    return this.runs.startRun(raceId, runId, fields);
  }

  updateRun(raceId: string, runId: string, status: RunStatus, fields: RunUpdate): Promise<void> {
    return this.runs.updateRun(raceId, runId, status, fields);
  }

  listHistory(raceId: string): Promise<HistoryPoint[]> {
    return this.runs.listHistory(raceId);
  }

  async claimLatest(raceId: string, seq: number, runId: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: raceKey(raceId),
          UpdateExpression: 'SET #publishedSeq = :seq, #publishedRunId = :runId ADD #revision :one',
          // attribute_exists(PK): an unknown race is refused rather than created as a bare item.
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#publishedSeq) OR #publishedSeq <= :seq)',
          ExpressionAttributeNames: names('publishedSeq', 'publishedRunId', 'revision'),
          ExpressionAttributeValues: { ':seq': seq, ':runId': runId, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  recordDeskEntry(raceId: string, entry: DeskEntry, now: string): Promise<RecordDeskEntryResult> {
    return recordDeskEntry(this.client, this.tableName, raceId, entry, now, async () => (await this.getRace(raceId)) !== undefined);
  }

  /** Every race, ordered by id. The index is eventually consistent: a race created a moment ago may be missing. */
  async listRaces(): Promise<StoredRace[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: RACES_INDEX,
      KeyConditionExpression: 'GSI1PK = :races',
      ExpressionAttributeValues: { ':races': RACES_PARTITION },
    });
    return items.map(storedRace);
  }

  private queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    return queryAll(this.client, input);
  }
}

/** The answer for an item DynamoDB refused as too large; nothing was written. */
function tooLarge(what: string): { kind: 'too-large'; reason: string } {
  return { kind: 'too-large', reason: `${what} is larger than a DynamoDB item may be (400 KB)` };
}
