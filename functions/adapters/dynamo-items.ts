import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { checkedId, DeskCallSchema, RaceSchema, UnitOverrideSchema } from '../../core/schemas/index.ts';
import type { StoredRace } from '../ports/race-store.ts';

// How DynamoRaceStore lays out its single table (docs/storage.md): keys, the race item, and expression helpers.

/** The index that lists every race; only race items carry its keys (see docs/storage.md). */
export const RACES_INDEX = 'GSI1';
export const RACES_PARTITION = 'RACES';
/** Release sort keys hold the sequence number in 6 digits, so they sort in order as strings. */
export const MAX_RELEASES = 1_000_000;

/** The race item as stored (keys left out). */
const RaceItemSchema = z.object({
  race: RaceSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  releaseCount: z.number().int().nonnegative(),
  latestSeq: z.number().int().nonnegative().optional(),
  latestAsOf: z.string().optional(),
  latestHash: z.string().optional(),
  publishedSeq: z.number().int().nonnegative().optional(),
  publishedRunId: z.string().optional(),
  // Items written before revisions were kept have none: 0.
  revision: z.number().int().nonnegative().default(0),
  deskCalls: z.array(DeskCallSchema).optional(),
  deskOverrides: z.array(UnitOverrideSchema).optional(),
});

/** The race item's attributes, for a query that reads it beside other items with a projection. */
export const RACE_ITEM_ATTRIBUTES: readonly string[] = Object.keys(RaceItemSchema.shape);

/** The partition of a race and all its items. Ids hold no "#", so `RACE#{raceId}` is never ambiguous. */
export const racePartition = (raceId: string) => `RACE#${checkedId(raceId)}`;
export const raceKey = (raceId: string) => ({ PK: racePartition(raceId), SK: 'RACE' });
export const releaseSortKey = (seq: number) => `RELEASE#${String(seq).padStart(6, '0')}`;
export const releaseKey = (raceId: string, seq: number) => ({ PK: racePartition(raceId), SK: releaseSortKey(seq) });
export const runKey = (raceId: string, runId: string) => ({ PK: racePartition(raceId), SK: `RUN#${runId}` });

/** The stored race from a race item, read back through its schema. */
export function storedRace(item: Record<string, unknown> | undefined): StoredRace {
  const stored = RaceItemSchema.parse(item);
  return {
    race: plain(stored.race),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    releaseCount: stored.releaseCount,
    revision: stored.revision,
    ...(stored.latestSeq !== undefined && stored.latestAsOf !== undefined && stored.latestHash !== undefined
      ? { latestRelease: { seq: stored.latestSeq, asOf: stored.latestAsOf, hash: stored.latestHash } }
      : {}),
    ...(stored.publishedSeq !== undefined && stored.publishedRunId !== undefined
      ? { published: { seq: stored.publishedSeq, runId: stored.publishedRunId } }
      : {}),
    ...(stored.deskCalls === undefined && stored.deskOverrides === undefined
      ? {}
      : { desk: plain({ calls: stored.deskCalls, overrides: stored.deskOverrides }) }),
  };
}

/** `{ '#a': 'a', ... }`: every attribute in an expression goes through a name, so reserved words never bite. */
export function names(...attributes: string[]): Record<string, string> {
  return Object.fromEntries(attributes.map((attribute) => [`#${attribute}`, attribute]));
}

/** A JSON-native copy without undefined values (DynamoDB has none), whatever client options are in use. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Every item of a query, following LastEvaluatedKey across pages. */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** A document client over `client` that leaves out undefined values, or `client` itself if it is one already. */
export function documentClient(client: DynamoDBDocumentClient | DynamoDBClient): DynamoDBDocumentClient {
  return client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
