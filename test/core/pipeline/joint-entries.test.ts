import { describe, expect, it } from 'vitest';
import { jointEntries } from '../../../core/pipeline/joint-entries.ts';
import type { NightEntry } from '../../../core/pipeline/records.ts';
import { TEST_NIGHT } from '../../fixtures/night-races.ts';

const entry = (raceId: string, changes: Partial<NightEntry> = {}): NightEntry => ({
  raceId,
  election: TEST_NIGHT,
  releaseSeq: 0,
  runId: 'r000000-x',
  outcomesKey: `elections/test-night/races/${raceId}/outcomes/r000000-x.json`,
  seed: TEST_NIGHT.id,
  draws: 1000,
  modelVersion: '3',
  ...changes,
});

describe('the races one night summary combines', () => {
  it('are every race run with the night seed, one model and one draw count, in race-id order', () => {
    const result = jointEntries(TEST_NIGHT.id, [entry('b'), entry('a')], '3');
    expect(result.joint.map((kept) => kept.raceId)).toEqual(['a', 'b']);
    expect(result.leftOut).toEqual([]);
  });

  it('leave out a race run with another seed, and keep the largest group of model and draws', () => {
    const entries = [entry('a'), entry('b', { modelVersion: '2' }), entry('c', { modelVersion: '2' }), entry('d', { seed: 'other' })];
    const result = jointEntries(TEST_NIGHT.id, entries, '3');
    expect(result.joint.map((kept) => kept.raceId)).toEqual(['b', 'c']);
    expect(result.leftOut.map((left) => left.raceId)).toEqual(['a', 'd']);
    expect(result.leftOut[1].reason).toMatch(/seed other/);
  });

  it('break a tie for the preferred model, then for more draws', () => {
    expect(jointEntries(TEST_NIGHT.id, [entry('a', { modelVersion: '2' }), entry('b')], '3').joint.map((kept) => kept.raceId)).toEqual(['b']);
    expect(jointEntries(TEST_NIGHT.id, [entry('a', { draws: 500 }), entry('b')], '3').joint.map((kept) => kept.raceId)).toEqual(['b']);
  });

  it('are none when no race has run', () => {
    expect(jointEntries(TEST_NIGHT.id, [], '3')).toEqual({ joint: [], leftOut: [] });
  });
});
