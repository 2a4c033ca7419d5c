import { logRatios } from './log-ratios.ts';

/** A batch with its log-ratios, its size and where it falls in the count. */
export interface PositionedBatch {
  readonly ratios: Float64Array;
  readonly size: number;
  /** Middle of the batch as a fraction of the expected final votes: 0 = first vote counted, 1 = last. */
  readonly midpoint: number;
  /** Where the batch begins and ends on the same clock. */
  readonly start: number;
  readonly end: number;
}

/**
 * The batches of a cumulative count (as `batchesOf` finds them: corrections and empty steps skipped),
 * each placed on the count's own clock: the share of the expected final votes counted by then.
 * @example positionedBatches([[60, 40], [110, 90]], 400, 0, 0.5) // midpoints 0.125 and 0.375
 */
export function positionedBatches(
  snapshots: readonly (readonly number[])[],
  expectedFinalVotes: number,
  reference: number,
  pseudoVotes: number,
): PositionedBatch[] {
  const batches: PositionedBatch[] = [];
  let previous: readonly number[] | undefined;
  let countedBefore = 0;
  for (const snapshot of snapshots) {
    const added = snapshot.map((votes, candidate) => votes - (previous?.[candidate] ?? 0));
    const size = added.reduce((sum, votes) => sum + votes, 0);
    const countedAfter = snapshot.reduce((sum, votes) => sum + votes, 0);
    if (added.every((votes) => votes >= 0) && size > 0) {
      const clock = Math.max(expectedFinalVotes, countedAfter);
      const midpoint = (countedBefore + size / 2) / clock;
      const start = countedBefore / clock;
      const end = countedAfter / clock;
      batches.push({ ratios: logRatios(added, reference, pseudoVotes), size, midpoint, start, end });
    }
    previous = snapshot;
    countedBefore = countedAfter;
  }
  return batches;
}
