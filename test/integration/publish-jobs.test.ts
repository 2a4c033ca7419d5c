import { describe, expect, it } from 'vitest';
import type { IndexEntry, NightEntry } from '../../core/pipeline/records.ts';
import { DynamoPublishJobs } from '../../functions/adapters/dynamo-publish-jobs.ts';
import { PUBLISH_JOB_STALE_MS } from '../../functions/ports/publish-jobs.ts';
import { TEST_NIGHT } from '../fixtures/night-races.ts';
import { sampleRace, uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

const stack = useLocalStack();
const NOW = '2026-11-03T20:00:00.000Z';
const jobsStore = () => new DynamoPublishJobs({ client: stack().dynamoClient, tableName: stack().tableName });
const indexEntry = (raceId: string, revision: number): IndexEntry => ({ race: sampleRace(raceId), updatedAt: NOW, releaseCount: revision, revision });

describe('DynamoPublishJobs: entries', () => {
  it('keeps the index entry of the latest revision, whatever order concurrent writers land in', async () => {
    const raceId = uniqueRaceId('entry');
    const written = await Promise.all([3, 7, 1, 5, 7, 2].map((revision) => jobsStore().putIndexEntry(indexEntry(raceId, revision))));

    const entries = await jobsStore().listIndexEntries();
    expect(entries.find((entry) => entry.race.id === raceId)?.revision).toBe(7);
    expect(written.filter(Boolean).length).toBeGreaterThanOrEqual(2); // 7 twice at least; older ones may or may not land first
    expect(await jobsStore().putIndexEntry(indexEntry(raceId, 6))).toBe(false);
  });

  it('points a night entry at the run of the latest release, in race-id order per election', async () => {
    const electionId = uniqueRaceId('election');
    const entry = (raceId: string, releaseSeq: number): NightEntry => ({
      raceId,
      election: { ...TEST_NIGHT, id: electionId },
      releaseSeq,
      runId: `r${String(releaseSeq).padStart(6, '0')}-x`,
      outcomesKey: `elections/${electionId}/races/${raceId}/outcomes/r${releaseSeq}.json`,
      seed: electionId,
      draws: 100,
      modelVersion: '1',
    });
    const store = jobsStore();
    expect(await store.putNightEntry(entry('b', 2))).toBe(true);
    expect(await store.putNightEntry(entry('b', 1))).toBe(false);
    expect(await store.putNightEntry(entry('a', 0))).toBe(true);

    expect((await store.listNightEntries(electionId)).map((stored) => [stored.raceId, stored.releaseSeq])).toEqual([['a', 0], ['b', 2]]);
  });
});

describe('DynamoPublishJobs: coalescing', () => {
  it('queues a job once until it starts, then again', async () => {
    const store = jobsStore();
    const job = { kind: 'summary', electionId: uniqueRaceId('coalesce') } as const;
    const requests = await Promise.all(Array.from({ length: 8 }, () => store.requestJob(job, NOW)));
    expect(requests.filter(Boolean)).toHaveLength(1);

    await store.startJob(job);

    expect(await store.requestJob(job, NOW)).toBe(true);
    expect(await store.requestJob(job, NOW)).toBe(false);
  });

  it('queues a job again when the queued one is stale (its message was lost)', async () => {
    const store = jobsStore();
    const job = { kind: 'summary', electionId: uniqueRaceId('stale') } as const;
    expect(await store.requestJob(job, NOW)).toBe(true);
    const later = new Date(Date.parse(NOW) + PUBLISH_JOB_STALE_MS + 1000).toISOString();

    expect(await store.requestJob(job, later)).toBe(true);
  });
});
