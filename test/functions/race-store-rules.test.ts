import { describe, expect, it } from 'vitest';
import type { StoredRace } from '../../functions/ports/race-store.ts';
import { fixedPartChanged, judgeAppend } from '../../functions/ports/race-store-rules.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';

const file = exampleCountFile('la-mayor-2022-general');
const [first, second] = file.releases;
const stored = (releaseCount: number, latest?: { seq: number; asOf: string; hash: string }): StoredRace => ({
  race: file.race,
  createdAt: '2022-11-08T20:00:00Z',
  updatedAt: '2022-11-08T20:00:00Z',
  releaseCount,
  revision: releaseCount + 1,
  ...(latest === undefined ? {} : { latestRelease: latest }),
});

describe('judgeAppend', () => {
  it('lets the first release in as number 0, and no other number', () => {
    expect(judgeAppend(stored(0), first, 'h0', 0)).toBeUndefined();
    expect(judgeAppend(stored(0), first, 'h0', 1)).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('reload') });
  });

  it('calls a retry of the newest release a duplicate, even with a stale count', () => {
    const race = stored(1, { seq: 0, asOf: first.asOf, hash: 'h0' });
    expect(judgeAppend(race, first, 'h0', 0)).toEqual({ kind: 'duplicate', seq: 0 });
  });

  it('refuses a different release with the same asOf, and one that is not later', () => {
    const race = stored(2, { seq: 1, asOf: second.asOf, hash: 'h1' });
    expect(judgeAppend(race, second, 'other', 2)).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('immutable') });
    expect(judgeAppend(race, first, 'h0', 2)).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('out of order') });
  });

  it('lets a later release in as the next number', () => {
    expect(judgeAppend(stored(1, { seq: 0, asOf: first.asOf, hash: 'h0' }), second, 'h1', 1)).toBeUndefined();
  });
});

describe('fixedPartChanged', () => {
  it('allows a new name, but not a new rule or a change of candidates', () => {
    expect(fixedPartChanged(file.race, { ...file.race, name: 'Renamed' }, 3)).toBeUndefined();
    expect(fixedPartChanged(file.race, { ...file.race, rule: { kind: 'top-two' } }, 3)).toContain('the rule cannot change once the race has 3 releases');
    const reordered = { ...file.race, candidates: [...file.race.candidates].reverse() };
    expect(fixedPartChanged(file.race, reordered, 1)).toContain('once the race has 1 release:');
  });
});
