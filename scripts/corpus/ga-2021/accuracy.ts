import type { CountFile } from '../../../core/schemas/index.ts';
import type { BuiltExample } from '../../examples/build.ts';
import { POLLS_CLOSED } from './races.ts';


/** Upper edges (hours since polls closed) of the bins the report groups releases into; the last is open. */
const HOUR_BINS = [1, 2, 3, 4, 6, 12, 24, 48, 96, Infinity];

/** How one release's derived estimate compares with the votes that were in fact still to count. */
export type ReleaseAccuracy = {
  asOf: string;
  hoursSincePollsClosed: number;
  /** Sum of the units' expected outstanding votes. */
  estimated: number;
  /** Final counts − counts at this release, summed over the units present (counties not yet reporting excluded). */
  actual: number;
  /** Votes of the counties not yet present, in the final count: what no unit could estimate. */
  notYetReporting: number;
  /** Share of units whose actual outstanding lies within their [low, high]. */
  unitsInRange: number;
};

/**
 * Compares every release but the last with the last (the final count): the property of the estimation method
 * that the backtest inherits. Reads the final, so it is for reporting only, never for building.
 */
export function releaseAccuracy(file: CountFile): ReleaseAccuracy[] {
  const finalRelease = file.releases[file.releases.length - 1];
  const finalVotes = new Map(finalRelease.units.map((unit) => [unit.id, sumVotes(unit.counted)]));
  return file.releases.slice(0, -1).map((release) => {
    const present = new Set(release.units.map((unit) => unit.id));
    const residuals = release.units.map((unit) => ({
      unit,
      actual: (finalVotes.get(unit.id) ?? 0) - sumVotes(unit.counted),
    }));
    const inRange = residuals.filter(
      ({ unit, actual }) => (unit.outstanding.low ?? 0) <= actual && actual <= (unit.outstanding.high ?? Infinity),
    );
    return {
      asOf: release.asOf,
      hoursSincePollsClosed: (Date.parse(release.asOf) - Date.parse(POLLS_CLOSED)) / 3_600_000,
      estimated: release.units.reduce((sum, unit) => sum + unit.outstanding.expected, 0),
      actual: residuals.reduce((sum, { actual }) => sum + actual, 0),
      notYetReporting: [...finalVotes].reduce((sum, [id, votes]) => (present.has(id) ? sum : sum + votes), 0),
      unitsInRange: inRange.length / release.units.length,
    };
  });
}

/**
 * A markdown table per file: releases grouped by hours since polls closed, with the median ratio of estimated
 * to actual outstanding votes, the median estimated and actual votes, and the median share of units in range.
 */
export function accuracyReport(examples: readonly BuiltExample[]): string {
  return examples.map(({ path, countFile }) => `\n${path}\n${accuracyTable(releaseAccuracy(countFile))}`).join('\n');
}

function accuracyTable(rows: readonly ReleaseAccuracy[]): string {
  const lines = [
    '| hours since polls closed | releases | estimated ÷ actual outstanding | estimated | actual | not yet reporting | units in 90% range |',
    '|---|---|---|---|---|---|---|',
  ];
  let lowerEdge = 0;
  for (const upperEdge of HOUR_BINS) {
    const inBin = rows.filter((row) => row.hoursSincePollsClosed >= lowerEdge && row.hoursSincePollsClosed < upperEdge);
    if (inBin.length > 0) {
      const ratio = median(inBin.map((row) => row.estimated / row.actual));
      lines.push(
        `| ${lowerEdge}–${upperEdge === Infinity ? '' : upperEdge} | ${inBin.length} | ${ratio.toFixed(2)} | ` +
          `${wholeVotes(median(inBin.map((row) => row.estimated)))} | ${wholeVotes(median(inBin.map((row) => row.actual)))} | ` +
          `${wholeVotes(median(inBin.map((row) => row.notYetReporting)))} | ` +
          `${(100 * median(inBin.map((row) => row.unitsInRange))).toFixed(0)}% |`,
      );
    }
    lowerEdge = upperEdge;
  }
  return lines.join('\n');
}

function sumVotes(votes: Readonly<Record<string, number>>): number {
  return Object.values(votes).reduce((sum, count) => sum + count, 0);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function wholeVotes(votes: number): string {
  return Math.round(votes).toLocaleString('en-US');
}
