import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { DynamoRaceStore } from '../../functions/adapters/dynamo-race-store.ts';
import { hashOf, sampleRace, sampleRelease, uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

// What the race-store-*.test.ts files share: the times they write, and a store on the local stack.

export const NOW = '2026-11-03T20:00:00.000Z';
export const LATER = '2026-11-03T21:00:00.000Z';

export function asOfHour(hour: number, minute = 0): string {
  const day = 3 + Math.floor(hour / 24);
  return `2026-11-${String(day).padStart(2, '0')}T${String(hour % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00-08:00`;
}

/** Starts the local stack for the calling test file (see useLocalStack) and gives the helpers that use it. */
export function useRaceStore() {
  const stack = useLocalStack();

  function makeStore(): DynamoRaceStore {
    return new DynamoRaceStore({ client: stack().dynamoClient, tableName: stack().tableName });
  }

  /** Counts the race's items whose sort key starts with `prefix`, straight from the table. */
  async function countItems(raceId: string, prefix: string): Promise<number> {
    const client = DynamoDBDocumentClient.from(stack().dynamoClient);
    const page = await client.send(
      new QueryCommand({
        TableName: stack().tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `RACE#${raceId}`, ':prefix': prefix },
        ConsistentRead: true,
        Select: 'COUNT',
      }),
    );
    return page.Count ?? 0;
  }

  /** A race with `count` releases, an hour apart from 20:00Z. */
  async function raceWithReleases(store: DynamoRaceStore, prefix: string, count: number): Promise<string> {
    const raceId = uniqueRaceId(prefix);
    await store.putRace(sampleRace(raceId), NOW);
    for (let seq = 0; seq < count; seq += 1) {
      const release = sampleRelease(asOfHour(20 + seq), seq + 1);
      expect(await store.appendRelease(raceId, release, hashOf(release), seq, NOW)).toEqual({ kind: 'stored', seq });
    }
    return raceId;
  }

  return { makeStore, countItems, raceWithReleases };
}
