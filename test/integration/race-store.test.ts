import { describe, expect, it } from 'vitest';
import type { Race } from '../../core/schemas/index.ts';
import { sampleRace, uniqueRaceId } from './local-stack-fixture.ts';
import { LATER, NOW, useRaceStore } from './race-store-harness.ts';

// DynamoRaceStore's races; its releases, runs and listings have race-store-*.test.ts files of their own.

const { makeStore, raceWithReleases } = useRaceStore();

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
