import type { Release } from '../../core/schemas/index.ts';

/** What a release says in total: votes counted per candidate, and the outstanding votes it expects. */
export interface ReleaseTotals {
  /** Votes counted so far per candidate id, summed over units. */
  readonly counted: Record<string, number>;
  /** All votes counted so far. */
  readonly countedTotal: number;
  /** Sum over units of `outstanding.expected`: the release's own estimate of the votes left. */
  readonly outstandingExpected: number;
}

/**
 * Sums a release over its units. Candidates missing from a unit count 0 there.
 * @example releaseTotals(release, ['ann', 'bob']) // { counted: { ann: 1400, bob: 1500 }, countedTotal: 2900, outstandingExpected: 3600 }
 */
export function releaseTotals(release: Release, candidateIds: readonly string[]): ReleaseTotals {
  const counted: Record<string, number> = Object.fromEntries(candidateIds.map((id) => [id, 0]));
  let outstandingExpected = 0;
  for (const unit of release.units) {
    for (const id of candidateIds) counted[id] += unit.counted[id] ?? 0;
    outstandingExpected += unit.outstanding.expected;
  }
  const countedTotal = candidateIds.reduce((sum, id) => sum + counted[id], 0);
  return { counted, countedTotal, outstandingExpected };
}
