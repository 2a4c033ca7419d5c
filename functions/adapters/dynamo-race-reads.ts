import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ReleaseSchema, type Release } from '../../core/schemas/index.ts';
import type { StoredRace } from '../ports/race-store.ts';
import { MAX_RELEASES, RACE_ITEM_ATTRIBUTES, names, queryAll, racePartition, releaseSortKey, storedRace } from './dynamo-items.ts';
import type { ReleaseCache } from './release-cache.ts';

// What a run reads of its race: the race item and releases 0..seq, in two queries however many releases
// there are, and only the bodies of releases not kept from an earlier run (ReleaseCache).

const ReleaseStubSchema = z.object({ SK: z.string(), seq: z.number().int().nonnegative(), hash: z.string() });

/**
 * The race item and its releases 0..throughSeq. The first query reads the race item and each release's
 * number and hash (not its body): release sort keys follow `RACE` (docs/storage.md), so one key range
 * holds them all. The second reads the bodies from the oldest release not in `cache` on.
 */
export async function readRaceWithReleases(
  client: DynamoDBDocumentClient,
  tableName: string,
  cache: ReleaseCache,
  raceId: string,
  throughSeq: number,
): Promise<{ stored: StoredRace; releases: Release[] } | undefined> {
  const last = Math.min(throughSeq, MAX_RELEASES - 1);
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :race AND :last',
    ProjectionExpression: ['SK', 'seq', 'hash', ...RACE_ITEM_ATTRIBUTES].map((attribute) => `#${attribute}`).join(', '),
    ExpressionAttributeNames: names('SK', 'seq', 'hash', ...RACE_ITEM_ATTRIBUTES),
    ExpressionAttributeValues: { ':pk': racePartition(raceId), ':race': 'RACE', ':last': releaseSortKey(last) },
    ConsistentRead: true,
  });
  const raceItem = items.find((item) => item.SK === 'RACE');
  if (raceItem === undefined) return undefined;
  const stubs = items.filter((item) => typeof item.SK === 'string' && item.SK.startsWith('RELEASE#')).map((item) => ReleaseStubSchema.parse(item));
  stubs.forEach((stub, index) => {
    if (stub.seq !== index) throw new Error(`race ${raceId}: release ${index} is missing (found ${stub.seq})`);
  });
  const releases = stubs.map((stub) => cache.get(raceId, stub.seq, stub.hash));
  const firstMissing = releases.findIndex((release) => release === undefined);
  if (firstMissing >= 0) {
    const bodies = await readReleaseBodies(client, tableName, raceId, firstMissing, stubs.length - 1);
    for (const body of bodies) releases[body.seq] ??= cache.keep(raceId, body.seq, body.hash, body.release);
    const gap = releases.findIndex((release) => release === undefined);
    if (gap >= 0) throw new Error(`race ${raceId}: release ${gap} is missing`);
  }
  return { stored: storedRace(raceItem), releases: releases as Release[] };
}

/** Releases first..last with their hashes, parsed. */
async function readReleaseBodies(client: DynamoDBDocumentClient, tableName: string, raceId: string, first: number, last: number) {
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
    ProjectionExpression: '#seq, #hash, #release',
    ExpressionAttributeNames: names('seq', 'hash', 'release'),
    ExpressionAttributeValues: { ':pk': racePartition(raceId), ':first': releaseSortKey(first), ':last': releaseSortKey(last) },
    ConsistentRead: true,
  });
  return items.map((item) => ({ seq: z.number().int().parse(item.seq), hash: z.string().parse(item.hash), release: ReleaseSchema.parse(item.release) }));
}

/** Releases 0..throughSeq (all without it) with their bodies, in order; throws when one is missing. */
export async function readReleases(client: DynamoDBDocumentClient, tableName: string, raceId: string, throughSeq?: number): Promise<Release[]> {
  if (throughSeq !== undefined && throughSeq < 0) return [];
  const range =
    throughSeq === undefined
      ? { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', values: { ':prefix': 'RELEASE#' } }
      : {
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
          values: { ':first': releaseSortKey(0), ':last': releaseSortKey(Math.min(throughSeq, MAX_RELEASES - 1)) },
        };
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: range.KeyConditionExpression,
    ExpressionAttributeValues: { ':pk': racePartition(raceId), ...range.values },
    ProjectionExpression: '#seq, #release',
    ExpressionAttributeNames: names('seq', 'release'),
    ConsistentRead: true,
  });
  return items.map((item, index) => {
    if (item.seq !== index) throw new Error(`race ${raceId}: release ${index} is missing (found ${String(item.seq)})`);
    return ReleaseSchema.parse(item.release);
  });
}
