import { describe, expect, it } from 'vitest';
import { batchesOf } from '../../../core/model/batches.ts';

/** Freezes a list of snapshots and each snapshot in it. */
const frozen = (snapshots: number[][]) => Object.freeze(snapshots.map((snapshot) => Object.freeze(snapshot)));

describe('batchesOf', () => {
  it('counts the first snapshot as a batch of its own', () => {
    expect(batchesOf([[10, 5, 1]])).toEqual([[10, 5, 1]]);
  });

  it('gives the votes added between consecutive snapshots', () => {
    const batches = batchesOf([
      [10, 5],
      [15, 15],
      [30, 20],
    ]);
    expect(batches).toEqual([
      [10, 5],
      [5, 10],
      [15, 5],
    ]);
  });

  it('gives no batch for no snapshots, or for snapshots that never add a vote', () => {
    expect(batchesOf([])).toEqual([]);
    expect(batchesOf([[0, 0], [0, 0]])).toEqual([]);
  });

  it('skips a step that added no votes', () => {
    const batches = batchesOf([
      [10, 5],
      [10, 5],
      [12, 6],
    ]);
    expect(batches).toEqual([
      [10, 5],
      [2, 1],
    ]);
  });

  it('skips a correction, where any candidate fell, even when the total rose', () => {
    const batches = batchesOf([
      [10, 5],
      [9, 20], // the first candidate fell by 1 while the total rose by 14
    ]);
    expect(batches).toEqual([[10, 5]]);
  });

  it('diffs the step after a correction from the corrected snapshot, not from the one before it', () => {
    const batches = batchesOf([
      [10, 5],
      [8, 7], // correction
      [12, 9],
    ]);
    // From the corrected [8, 7]; diffing from [10, 5] would give [2, 4].
    expect(batches).toEqual([
      [10, 5],
      [4, 2],
    ]);
  });

  it('does not change its input', () => {
    const snapshots = frozen([
      [10, 5],
      [8, 7],
      [12, 9],
    ]);
    expect(() => batchesOf(snapshots)).not.toThrow();
    expect(snapshots).toEqual([
      [10, 5],
      [8, 7],
      [12, 9],
    ]);
  });
});
