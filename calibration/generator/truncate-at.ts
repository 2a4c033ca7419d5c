import type { CountFile, Release } from '../../core/schemas/index.ts';

/**
 * For each release, the votes counted so far over the votes counted in the final release, in [0, 1]
 * when counts only grow. A file whose final release counts nothing gives 1 for every release.
 * @example fractionCountedByRelease(file) // [0.31, 0.58, 0.9, 1] for a file with four releases
 */
export function fractionCountedByRelease(countFile: CountFile): number[] {
  const totals = countFile.releases.map(countedInRelease);
  const finalTotal = totals.at(-1)!;
  return totals.map((total) => (finalTotal === 0 ? 1 : total / finalTotal));
}

/**
 * The count file cut after the last release whose fraction counted (see `fractionCountedByRelease`)
 * is <= `fractionCounted`, always keeping at least the first release. Releases are kept up to the first
 * one above the fraction. The input is not changed; the result shares its release objects.
 * @throws RangeError when `fractionCounted` is not in [0, 1].
 * @example truncateAt(file, 0.6).releases.length // 2 for fractions [0.31, 0.58, 0.9, 1]
 */
export function truncateAt(countFile: CountFile, fractionCounted: number): CountFile {
  if (!(fractionCounted >= 0 && fractionCounted <= 1)) {
    throw new RangeError(`expected fractionCounted in [0, 1], got ${fractionCounted}`);
  }
  const fractions = fractionCountedByRelease(countFile);
  const firstAbove = fractions.findIndex((fraction) => fraction > fractionCounted);
  const keep = firstAbove === -1 ? fractions.length : Math.max(1, firstAbove);
  return { ...countFile, releases: countFile.releases.slice(0, keep) };
}

function countedInRelease(release: Release): number {
  return release.units.reduce(
    (sum, unit) => sum + Object.values(unit.counted).reduce((unitSum, votes) => unitSum + votes, 0),
    0,
  );
}
