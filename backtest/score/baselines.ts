import { errorFunction } from 'simple-statistics';
import type { ReleaseTotals } from './release-totals.ts';

/** The a-priori sd of the fixed-swing baseline: the margin of the outstanding votes may swing 10 points. */
export const FIXED_SWING_SD = 0.1;

/**
 * Baseline (a), "counted split": each candidate's chance of finishing first is its share of the votes
 * counted so far; 1/k each when nothing is counted.
 * @example countedSplit({ counted: { a: 600, b: 400 }, countedTotal: 1000, outstandingExpected: 500 }) // { a: 0.6, b: 0.4 }
 */
export function countedSplit(totals: Pick<ReleaseTotals, 'counted' | 'countedTotal'>): Record<string, number> {
  const ids = Object.keys(totals.counted);
  return Object.fromEntries(
    ids.map((id) => [id, totals.countedTotal === 0 ? 1 / ids.length : totals.counted[id] / totals.countedTotal]),
  );
}

/**
 * Baseline (b), "fixed swing", for the pair [first, second]. The O outstanding votes split like the C
 * counted ones, plus one swing s ~ N(0, sd²) on the margin of the outstanding votes (as a share of them):
 *
 *   final margin = (votes_first − votes_second) × (1 + O / C) + O × s ~ N(projected, (sd × O)²)
 *   P(first finishes ahead) = Φ(projected / (sd × O))
 *
 * With nothing outstanding the counted margin decides (a tie is 1/2); with nothing counted the projected
 * margin is 0. Returns P for the two candidates (they sum to 1); every other candidate gets 0.
 * @example fixedSwing({ counted: { a: 550, b: 450 }, countedTotal: 1000, outstandingExpected: 1000 }, ['a', 'b'])
 * // { a: 0.97725, b: 0.02275 } (Φ(200 / 100) = Φ(2))
 */
export function fixedSwing(
  totals: ReleaseTotals,
  [first, second]: readonly [string, string],
  sd = FIXED_SWING_SD,
): Record<string, number> {
  const countedMargin = totals.counted[first] - totals.counted[second];
  const outstanding = totals.outstandingExpected;
  const projected = totals.countedTotal === 0 ? 0 : countedMargin * (1 + outstanding / totals.countedTotal);
  const spread = sd * outstanding;
  const probability = spread > 0 ? normalCdf(projected / spread) : projected > 0 ? 1 : projected < 0 ? 0 : 0.5;
  const result: Record<string, number> = Object.fromEntries(Object.keys(totals.counted).map((id) => [id, 0]));
  result[first] = probability;
  result[second] = 1 - probability;
  return result;
}

/**
 * The standard normal CDF Φ(z) = (1 + erf(z / √2)) / 2, from simple-statistics' erf (error below 1.2e-7).
 * @example normalCdf(1.6448536) // 0.95
 */
export function normalCdf(z: number): number {
  return (1 + errorFunction(z / Math.SQRT2)) / 2;
}
