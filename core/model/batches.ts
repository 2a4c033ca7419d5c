/**
 * The votes added between consecutive snapshots of one unit's cumulative count: the batches. The first
 * snapshot is a batch of its own (added to nothing). A step where any candidate's count fell is a
 * correction, not a batch, and is skipped, as is a step that added no votes.
 * @example batchesOf([[10, 5], [15, 15]]) // [[10, 5], [5, 10]]
 */
export function batchesOf(snapshots: readonly (readonly number[])[]): number[][] {
  const batches: number[][] = [];
  let previous: readonly number[] | undefined;
  for (const snapshot of snapshots) {
    const added = snapshot.map((votes, candidate) => votes - (previous?.[candidate] ?? 0));
    const total = added.reduce((sum, votes) => sum + votes, 0);
    if (added.every((votes) => votes >= 0) && total > 0) batches.push(added);
    previous = snapshot;
  }
  return batches;
}
