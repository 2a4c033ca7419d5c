import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH } from '../../core/schemas/index.ts';
import { MAX_RELEASE_JSON_BYTES } from '../../functions/ports/race-store.ts';
import { hashOf, sampleRace, sampleRelease, uniqueRaceId } from './local-stack-fixture.ts';
import { asOfHour, LATER, NOW, useRaceStore } from './race-store-harness.ts';

const { makeStore, countItems, raceWithReleases } = useRaceStore();

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

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
