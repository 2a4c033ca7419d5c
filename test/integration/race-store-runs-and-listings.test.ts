import { describe, expect, it } from 'vitest';
import type { HistoryPoint, RunRecord } from '../../core/pipeline/records.ts';
import { RunExistsError, UnknownRunError } from '../../functions/adapters/dynamo-race-store.ts';
import { hashOf, sampleRace, sampleRelease, uniqueRaceId } from './local-stack-fixture.ts';
import { asOfHour, LATER, NOW, useRaceStore } from './race-store-harness.ts';

const { makeStore, raceWithReleases } = useRaceStore();

describe('DynamoRaceStore: runs', () => {
  function queuedRun(raceId: string, runId: string, releaseSeq = 0): RunRecord {
    return { raceId, runId, releaseSeq, draws: 20_000, status: 'queued', trigger: 'release', requestedAt: NOW };
  }

  it('creates a run, reads it back and refuses the same id again', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'runs', 1);
    const run = { ...queuedRun(raceId, 'r0-a'), seed: 'fixed' };

    await store.createRun(run);

    expect(await store.getRun(raceId, 'r0-a')).toEqual(run);
    await expect(store.createRun({ ...run, draws: 5 })).rejects.toBeInstanceOf(RunExistsError);
    expect(await store.getRun(raceId, 'r0-a')).toEqual(run);
    expect(await store.getRun(raceId, 'no-such-run')).toBeUndefined();
  });

  it('moves a run through its statuses with the fields each carries', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'status', 1);
    await store.createRun(queuedRun(raceId, 'r0-b'));

    await store.updateRun(raceId, 'r0-b', 'running', { startedAt: '2026-11-03T20:00:01Z' });
    await store.updateRun(raceId, 'r0-b', 'failed', { finishedAt: '2026-11-03T20:00:05Z', error: 'model exploded' });

    expect(await store.getRun(raceId, 'r0-b')).toEqual({
      ...queuedRun(raceId, 'r0-b'),
      status: 'failed',
      startedAt: '2026-11-03T20:00:01Z',
      finishedAt: '2026-11-03T20:00:05Z',
      error: 'model exploded',
    });
  });

  it('refuses to update an unknown run, or with a field a run does not have', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'bad-update', 0);
    await store.createRun(queuedRun(raceId, 'r0-c'));

    await expect(store.updateRun(raceId, 'missing', 'running', {})).rejects.toBeInstanceOf(UnknownRunError);
    await expect(store.updateRun(raceId, 'r0-c', 'running', { startedAt: 42 } as never)).rejects.toThrow(/startedAt/);
    await expect(store.updateRun(raceId, 'r0-c', 'running', { sartedAt: 'x' } as never)).rejects.toThrow(/sartedAt/);
    expect((await store.getRun(raceId, 'r0-c'))?.status).toBe('queued');
  });
});

describe('DynamoRaceStore: latest.json and listings', () => {
  it('never lets latest.json go back to an older release; the same release may be claimed again', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'claim', 4);

    const claims = [
      await store.claimLatest(raceId, 3, 'run-3a'),
      await store.claimLatest(raceId, 2, 'run-2'),
      await store.claimLatest(raceId, 3, 'run-3b'),
    ];

    expect(claims).toEqual([true, false, true]);
    expect((await store.getRace(raceId))?.published).toEqual({ seq: 3, runId: 'run-3b' });
    // Created (1), four releases (5), two claims that stood (7): a refused claim changes nothing.
    expect((await store.getRace(raceId))?.revision).toBe(7);
  });

  it('lets only the newest of concurrent claims stand', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'claims', 0);

    await Promise.all([0, 5, 2, 4, 1, 3].map((seq) => makeStore().claimLatest(raceId, seq, `run-${seq}`)));

    expect((await store.getRace(raceId))?.published).toEqual({ seq: 5, runId: 'run-5' });
  });

  it('refuses a claim on an unknown race and does not create it', async () => {
    const store = makeStore();
    expect(await store.claimLatest('ghost-race', 0, 'run-0')).toBe(false);
    expect(await store.getRace('ghost-race')).toBeUndefined();
  });

  it('lists every race with its pointers, ordered by id', async () => {
    const store = makeStore();
    const prefix = uniqueRaceId('list');
    for (const suffix of ['c', 'a', 'b']) await store.putRace(sampleRace(`${prefix}-${suffix}`), NOW);
    const release = sampleRelease(asOfHour(20), 1);
    await store.appendRelease(`${prefix}-b`, release, hashOf(release), 0, LATER);
    await store.claimLatest(`${prefix}-b`, 0, 'run-b');

    const listed = (await store.listRaces()).filter((stored) => stored.race.id.startsWith(`${prefix}-`));

    expect(listed.map((stored) => stored.race.id)).toEqual(['a', 'b', 'c'].map((suffix) => `${prefix}-${suffix}`));
    expect(listed[1]).toEqual({
      race: sampleRace(`${prefix}-b`),
      createdAt: NOW,
      updatedAt: LATER,
      releaseCount: 1,
      revision: 3,
      latestRelease: { seq: 0, asOf: release.asOf, hash: hashOf(release) },
      published: { seq: 0, runId: 'run-b' },
    });
  });

  it('lists the history of published runs by release, then by publication time', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'history', 3);
    const point = (runId: string, releaseIndex: number, publishedAt: string): HistoryPoint => ({
      runId,
      asOf: asOfHour(20 + releaseIndex),
      releaseIndex,
      publishedAt,
      winProbability: { ada: 0.625, grace: 0.375 },
      margin: { between: ['ada', 'grace'], p05: -0.0125, p50: 0.03125, p95: 0.075 },
      votesCounted: 1234,
    });
    const runs = [
      { runId: 'r2', seq: 2, at: '2026-11-04T06:00:00Z', status: 'published' as const },
      { runId: 'r0-late', seq: 0, at: '2026-11-04T07:00:00Z', status: 'published' as const },
      { runId: 'r0-early', seq: 0, at: '2026-11-04T04:00:00Z', status: 'published' as const },
      { runId: 'r1-superseded', seq: 1, at: '2026-11-04T05:00:00Z', status: 'superseded' as const },
    ];
    for (const run of runs) {
      await store.createRun({ raceId, runId: run.runId, releaseSeq: run.seq, draws: 1000, status: 'queued', trigger: 'release', requestedAt: NOW });
      await store.updateRun(raceId, run.runId, run.status, {
        finishedAt: run.at,
        wroteLatest: run.status === 'published',
        history: point(run.runId, run.seq, run.at),
      });
    }
    await store.createRun({ raceId, runId: 'r1-running', releaseSeq: 1, draws: 1000, status: 'running', trigger: 'request', requestedAt: NOW });

    const history = await store.listHistory(raceId);

    expect(history.map((p) => p.runId)).toEqual(['r0-early', 'r0-late', 'r2']);
    expect(history[2]).toEqual(point('r2', 2, '2026-11-04T06:00:00Z'));
    expect(await store.getRun(raceId, 'r2')).toMatchObject({ status: 'published', wroteLatest: true, finishedAt: '2026-11-04T06:00:00Z' });
  });
});
