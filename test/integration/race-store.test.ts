import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { HistoryPoint, RunRecord } from '../../core/pipeline/records.ts';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH, type Race } from '../../core/schemas/index.ts';
import { DynamoRaceStore, RunExistsError, UnknownRunError } from '../../functions/adapters/dynamo-race-store.ts';
import { MAX_RELEASE_JSON_BYTES } from '../../functions/ports/race-store.ts';
import { hashOf, sampleRace, sampleRelease, uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

const stack = useLocalStack();
const NOW = '2026-11-03T20:00:00.000Z';
const LATER = '2026-11-03T21:00:00.000Z';

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

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

function asOfHour(hour: number, minute = 0): string {
  const day = 3 + Math.floor(hour / 24);
  return `2026-11-${String(day).padStart(2, '0')}T${String(hour % 24).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00-08:00`;
}

describe('DynamoRaceStore: races', () => {
  it('creates a race, then reports the same race as unchanged', async () => {
    const store = makeStore();
    const race = sampleRace(uniqueRaceId('create'));

    const created = await store.putRace(race, NOW);
    const again = await store.putRace(structuredClone(race), LATER);

    expect(created).toEqual({ kind: 'created', stored: { race, createdAt: NOW, updatedAt: NOW, releaseCount: 0, revision: 1 } });
    expect(again.kind).toBe('unchanged');
    expect(await store.getRace(race.id)).toEqual({ race, createdAt: NOW, updatedAt: NOW, releaseCount: 0, revision: 1 });
  });

  it('answers too-large for a race above DynamoDB\'s item limit, and stores nothing', async () => {
    const raceId = uniqueRaceId('huge-race');
    const race = sampleRace(raceId);
    race.candidates = Array.from({ length: 2500 }, (_, index) => ({ id: `c${index}`, name: 'n'.repeat(200) }));
    expect(await makeStore().putRace(race, NOW)).toEqual({ kind: 'too-large', reason: `race ${raceId} is larger than a DynamoDB item may be (400 KB)` });
    expect(await makeStore().getRace(raceId)).toBeUndefined();
  });

  it('returns undefined for an unknown race', async () => {
    expect(await makeStore().getRace('no-such-race')).toBeUndefined();
  });

  it('changes anything about a race that has no releases', async () => {
    const store = makeStore();
    const race = sampleRace(uniqueRaceId('reshape'));
    await store.putRace(race, NOW);
    const reshaped: Race = {
      ...race,
      rule: { kind: 'majority', threshold: 0.5 },
      candidates: [...race.candidates, { id: 'katherine', name: 'Katherine Johnson' }],
    };

    const result = await store.putRace(reshaped, LATER);

    expect(result).toMatchObject({ kind: 'updated', stored: { race: reshaped, createdAt: NOW, updatedAt: LATER } });
    expect((await store.getRace(race.id))?.race).toEqual(reshaped);
  });

  it('renames a race and its candidates after releases, keeping ids and rule', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'rename', 1);
    const renamed = structuredClone(sampleRace(raceId));
    renamed.name = 'Mayor (renamed)';
    renamed.candidates[1] = { id: 'grace', name: 'Rear Admiral Grace Hopper', party: 'Navy' };

    const result = await store.putRace(renamed, LATER);

    expect(result).toMatchObject({ kind: 'updated', stored: { race: renamed, releaseCount: 1, updatedAt: LATER, revision: 3 } });
  });

  it('refuses to change candidate ids or the rule once releases exist, and stores nothing', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'frozen', 1);
    const race = sampleRace(raceId);

    const newCandidate = await store.putRace({ ...race, candidates: [race.candidates[0], { id: 'alan', name: 'Alan Turing' }] }, LATER);
    const newRule = await store.putRace({ ...race, rule: { kind: 'top-two' } }, LATER);

    expect(newCandidate).toEqual({
      kind: 'conflict',
      reason: 'candidates cannot be added, removed or reordered once the race has 1 release: stored [ada, grace], got [ada, alan]',
    });
    expect(newRule).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('the rule cannot change') });
    expect((await store.getRace(raceId))?.race).toEqual(race);
  });
});

describe('DynamoRaceStore: releases', () => {
  it('appends releases in order and lists them in order, all or through a sequence number', async () => {
    const store = makeStore();
    const raceId = uniqueRaceId('append');
    await store.putRace(sampleRace(raceId), NOW);
    const releases = [1, 2, 3].map((step) => sampleRelease(asOfHour(19 + step), step));

    const results = [];
    for (const [seq, release] of releases.entries()) results.push(await store.appendRelease(raceId, release, hashOf(release), seq, LATER));

    expect(results).toEqual([0, 1, 2].map((seq) => ({ kind: 'stored', seq })));
    expect(await store.listReleases(raceId)).toEqual(releases);
    expect(await store.listReleases(raceId, 1)).toEqual(releases.slice(0, 2));
    expect(await store.listReleases(raceId, 0)).toEqual(releases.slice(0, 1));
    expect(await store.getRelease(raceId, 2)).toEqual(releases[2]);
    expect(await store.getRelease(raceId, 3)).toBeUndefined();
    expect(await store.getRace(raceId)).toMatchObject({
      releaseCount: 3,
      revision: 4,
      updatedAt: LATER,
      latestRelease: { seq: 2, asOf: releases[2].asOf, hash: hashOf(releases[2]) },
    });
  });

  it('lists no releases of a race without any', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'empty', 0);
    expect(await store.listReleases(raceId)).toEqual([]);
  });

  it('reports an unknown race', async () => {
    const release = sampleRelease(asOfHour(20), 1);
    expect(await makeStore().appendRelease('never-created', release, hashOf(release), 0, NOW)).toEqual({ kind: 'unknown-race' });
  });

  it('treats the same release twice as a duplicate with the same number, storing it once', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'dup', 2);
    const newest = sampleRelease(asOfHour(21), 2);

    // A client retrying with its stale count, and one with the current count: both are told "already stored as 1".
    const stale = await store.appendRelease(raceId, structuredClone(newest), hashOf(newest), 1, LATER);
    const current = await store.appendRelease(raceId, structuredClone(newest), hashOf(newest), 2, LATER);

    expect(stale).toEqual({ kind: 'duplicate', seq: 1 });
    expect(current).toEqual({ kind: 'duplicate', seq: 1 });
    expect(await countItems(raceId, 'RELEASE#')).toBe(2);
    expect((await store.getRace(raceId))?.releaseCount).toBe(2);
  });

  it('finds a stored release by its asOf as written, with its number and hash', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'find', 3);
    const middle = sampleRelease(asOfHour(21), 2);
    expect(await store.findRelease(raceId, middle.asOf)).toEqual({ seq: 1, hash: hashOf(middle) });
    expect(await store.findRelease(raceId, asOfHour(21, 30))).toBeUndefined();
    expect(await store.findRelease('never-created', middle.asOf)).toBeUndefined();
  });

  it('answers too-large for a release above DynamoDB\'s item limit, and stores nothing', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'huge', 1);
    const huge = sampleRelease(asOfHour(22), 2);
    huge.units = Array.from({ length: 10_000 }, (_, index) => ({ id: `u${index}`, counted: { ada: 123456, grace: 654321 }, outstanding: { expected: 1000 } }));
    const result = await store.appendRelease(raceId, huge, hashOf(huge), 1, LATER);
    expect(result).toEqual({ kind: 'too-large', reason: `release 1 of ${raceId} (10000 units) is larger than a DynamoDB item may be (400 KB)` });
    expect(await countItems(raceId, 'RELEASE#')).toBe(1);
    expect((await store.getRace(raceId))?.releaseCount).toBe(1);
  });

  it('stores a release just under MAX_RELEASE_JSON_BYTES even when it is mostly text, the worst case for the margin', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'edge', 0);
    const unit = (index: number) => ({ id: `u${index}`, name: `${index}`.padEnd(MAX_NAME_LENGTH, 'é'), counted: { ada: 1, grace: 2 }, outstanding: { expected: 3 } });
    const release = { ...sampleRelease(asOfHour(20), 1), label: 'l'.repeat(MAX_LABEL_LENGTH), units: [] as ReturnType<typeof unit>[] };
    // The release's JSON grows by each unit's JSON and a comma.
    let bytes = jsonBytes(release);
    while (bytes + jsonBytes(unit(release.units.length)) + 1 <= MAX_RELEASE_JSON_BYTES) {
      bytes += jsonBytes(unit(release.units.length)) + (release.units.length > 0 ? 1 : 0);
      release.units.push(unit(release.units.length));
    }
    expect(jsonBytes(release)).toBeLessThanOrEqual(MAX_RELEASE_JSON_BYTES);
    expect(jsonBytes(release)).toBeGreaterThan(MAX_RELEASE_JSON_BYTES - 1000);
    expect(await store.appendRelease(raceId, release, hashOf(release), 0, LATER)).toEqual({ kind: 'stored', seq: 0 });
  });

  it('refuses a release that is not after the newest', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'order', 2); // 20:00 and 21:00
    const older = sampleRelease(asOfHour(20, 30), 9);
    const sameInstant = { ...sampleRelease(asOfHour(21), 9), asOf: '2026-11-04T05:00:00Z' }; // 21:00-08:00 in UTC

    const resultOlder = await store.appendRelease(raceId, older, hashOf(older), 2, LATER);
    const resultSame = await store.appendRelease(raceId, sameInstant, hashOf(sameInstant), 2, LATER);

    expect(resultOlder).toEqual({
      kind: 'conflict',
      reason: `out of order: asOf ${older.asOf} is not after the newest release (1, asOf ${asOfHour(21)})`,
    });
    expect(resultSame).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('out of order') });
    expect(await countItems(raceId, 'RELEASE#')).toBe(2);
  });

  it('refuses a different release with the same asOf as the newest', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'same-asof', 1);
    const changed = sampleRelease(asOfHour(20), 1);
    changed.units[0].counted.ada += 1;

    const result = await store.appendRelease(raceId, changed, hashOf(changed), 1, LATER);

    expect(result).toEqual({
      kind: 'conflict',
      reason: `a different release with the same asOf (${changed.asOf}) is already stored as release 0; releases are immutable`,
    });
    expect(await store.listReleases(raceId)).toEqual([sampleRelease(asOfHour(20), 1)]);
  });

  it('refuses a new release appended with a stale count', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'stale', 2);
    const next = sampleRelease(asOfHour(23), 3);

    const result = await store.appendRelease(raceId, next, hashOf(next), 1, LATER);

    expect(result).toEqual({ kind: 'conflict', reason: 'the race has 2 releases, not 1; reload and retry' });
  });

  it('lets exactly one of many concurrent appends with the same count through', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'race', 1);
    const contenders = [1, 2, 3, 4, 5, 6].map((minute) => sampleRelease(asOfHour(21, minute), 2));

    const results = await Promise.all(
      contenders.map((release) => makeStore().appendRelease(raceId, release, hashOf(release), 1, LATER)),
    );

    const stored = results.filter((result) => result.kind === 'stored');
    expect(stored).toEqual([{ kind: 'stored', seq: 1 }]);
    for (const result of results.filter((r) => r.kind !== 'stored')) {
      expect(result).toMatchObject({ kind: 'conflict', reason: expect.stringMatching(/at the same time|not 1; reload|out of order/) });
    }
    const winner = contenders[results.findIndex((result) => result.kind === 'stored')];
    expect(await store.listReleases(raceId)).toEqual([sampleRelease(asOfHour(20), 1), winner]);
    expect(await countItems(raceId, 'RELEASE#')).toBe(2);
    expect((await store.getRace(raceId))?.latestRelease).toEqual({ seq: 1, asOf: winner.asOf, hash: hashOf(winner) });
  });

  it('stores the same release sent twice at once only once: one stored, the other a duplicate or conflict', async () => {
    const store = makeStore();
    const raceId = await raceWithReleases(store, 'twin', 1);
    const release = sampleRelease(asOfHour(22), 2);

    const results = await Promise.all([0, 1].map(() => makeStore().appendRelease(raceId, structuredClone(release), hashOf(release), 1, LATER)));

    expect(results.filter((result) => result.kind === 'stored')).toEqual([{ kind: 'stored', seq: 1 }]);
    expect(results.filter((result) => result.kind !== 'stored')[0]?.kind).toMatch(/duplicate|conflict/);
    expect(await countItems(raceId, 'RELEASE#')).toBe(2);
  });
});

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
