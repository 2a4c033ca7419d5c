import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/pipeline/records.ts';
import { DynamoRaceStore } from '../../functions/adapters/dynamo-race-store.ts';
import { hashOf, sampleRace, sampleRelease, uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

// What the run handler reads and writes in one call each: its race with its releases, and its start.

const stack = useLocalStack();
const NOW = '2026-11-03T20:00:00.000Z';

function makeStore(releaseCacheUnits?: number): DynamoRaceStore {
  return new DynamoRaceStore({ client: stack().dynamoClient, tableName: stack().tableName, ...(releaseCacheUnits === undefined ? {} : { releaseCacheUnits }) });
}

const asOf = (step: number) => `2026-11-03T${String(20 + step).padStart(2, '0')}:00:00Z`;

/** A race with `count` releases, and a queued run of its first. */
async function raceWithReleases(store: DynamoRaceStore, prefix: string, count: number): Promise<string> {
  const raceId = uniqueRaceId(prefix);
  await store.putRace(sampleRace(raceId), NOW);
  for (let seq = 0; seq < count; seq += 1) {
    const release = sampleRelease(asOf(seq), seq + 1);
    expect(await store.appendRelease(raceId, release, hashOf(release), seq, NOW)).toEqual({ kind: 'stored', seq });
  }
  return raceId;
}

const queuedRun = (raceId: string, runId: string): RunRecord => ({
  raceId,
  runId,
  releaseSeq: 0,
  draws: 1000,
  status: 'queued',
  trigger: 'release',
  requestedAt: NOW,
});

describe('DynamoRaceStore.getRaceWithReleases', () => {
  it('reads the race as getRace does, and releases 0..seq as listReleases does', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'with', 3);
    await store.claimLatest(raceId, 1, 'r1-a');

    for (const seq of [0, 1, 2, 1]) {
      const read = await store.getRaceWithReleases(raceId, seq);
      expect(read?.stored).toEqual(await store.getRace(raceId));
      expect(read?.releases).toEqual(await store.listReleases(raceId, seq));
    }
  });

  it('answers frozen releases, the same whether kept from an earlier read, read afresh, or with room for none', async () => {
    const raceId = await raceWithReleases(makeStore(), 'frozen', 3);
    const warm = makeStore();
    await warm.getRaceWithReleases(raceId, 1);

    const [kept, cold, uncached] = await Promise.all([warm, makeStore(), makeStore(1)].map((store) => store.getRaceWithReleases(raceId, 2)));

    expect(kept?.releases).toEqual(await makeStore().listReleases(raceId));
    expect(cold?.releases).toEqual(kept?.releases);
    expect(uncached?.releases).toEqual(kept?.releases);
    expect(kept?.releases.every((release) => Object.isFrozen(release) && Object.isFrozen(release.units[0].counted))).toBe(true);
  });

  it('answers undefined for an unknown race, and no releases for a release not yet stored', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'none', 0);

    expect(await store.getRaceWithReleases(uniqueRaceId('unknown'), 0)).toBeUndefined();
    expect((await store.getRaceWithReleases(raceId, 0))?.releases).toEqual([]);
  });
});

describe('DynamoRaceStore.startRun', () => {
  it('moves a queued run to running with its fields, once: a second start is refused', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'start', 1);
    await store.createRun(queuedRun(raceId, 'r0-a'));

    const started = await store.startRun(raceId, 'r0-a', { startedAt: NOW, attempt: 1 });

    expect(started).toEqual({ ...queuedRun(raceId, 'r0-a'), status: 'running', startedAt: NOW, attempt: 1 });
    expect(await store.startRun(raceId, 'r0-a', { startedAt: NOW, attempt: 2 })).toBeUndefined();
    expect(await store.getRun(raceId, 'r0-a')).toEqual(started);
  });

  it('refuses an ended run and an unknown one, and creates nothing', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'ended', 1);
    await store.createRun(queuedRun(raceId, 'r0-b'));
    await store.updateRun(raceId, 'r0-b', 'failed', { error: 'bad input' });

    expect(await store.startRun(raceId, 'r0-b', { startedAt: NOW })).toBeUndefined();
    expect(await store.startRun(raceId, 'r0-none', { startedAt: NOW })).toBeUndefined();
    expect((await store.getRun(raceId, 'r0-b'))?.status).toBe('failed');
    expect(await store.getRun(raceId, 'r0-none')).toBeUndefined();
  });
});

describe('DynamoRaceStore.appendRelease with the race as the caller read it', () => {
  it('stores the release without reading the race again, and refuses one whose read is stale', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'read', 1);
    const read = await store.getRace(raceId);
    const second = sampleRelease(asOf(1), 2);
    const third = sampleRelease(asOf(2), 3);

    expect(await store.appendRelease(raceId, second, hashOf(second), 1, NOW, read)).toEqual({ kind: 'stored', seq: 1 });
    const stale = await store.appendRelease(raceId, third, hashOf(third), 1, NOW, read);

    expect(stale.kind).toBe('conflict');
    expect(await store.listReleases(raceId)).toEqual([sampleRelease(asOf(0), 1), second]);
  });
});
