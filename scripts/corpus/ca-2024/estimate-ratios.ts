import { median } from 'simple-statistics';
import type { CountFile } from '../../../core/schemas/index.ts';
import { hoursBetween } from './count-curve.ts';

/** How a file's outstanding estimates compare with the true remainder, over one day since polls closed. */
export type DayComparison = {
  /** Whole days since polls closed (day 0 = the first 24 hours). */
  day: number;
  /** County-release pairs with votes truly outstanding. */
  pairs: number;
  /** Median of estimate ÷ true outstanding over those pairs. */
  medianRatio: number;
  /** Sum of estimates ÷ sum of true outstanding (weighted by votes). */
  pooledRatio: number;
  /** Share of pairs whose true outstanding lies in [low, high]. */
  rangeCoverage: number;
};

type Pair = { day: number; estimate: number; truth: number; covered: boolean };

/**
 * Compares each release's outstanding estimates with the truth read from the file's last release
 * (final − counted, per county), grouped by whole days since `pollsClosed`. Pairs with nothing truly
 * outstanding are left out (no ratio).
 */
export function compareEstimatesByDay(files: readonly CountFile[], pollsClosed: string): DayComparison[] {
  const pairs = files.flatMap((file) => filePairs(file, pollsClosed));
  const days = [...new Set(pairs.map((pair) => pair.day))].sort((a, b) => a - b);
  return days.map((day) => {
    const ofDay = pairs.filter((pair) => pair.day === day);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    return {
      day,
      pairs: ofDay.length,
      medianRatio: median(ofDay.map((pair) => pair.estimate / pair.truth)),
      pooledRatio: sum(ofDay.map((pair) => pair.estimate)) / sum(ofDay.map((pair) => pair.truth)),
      rangeCoverage: ofDay.filter((pair) => pair.covered).length / ofDay.length,
    };
  });
}

function filePairs(file: CountFile, pollsClosed: string): Pair[] {
  const total = (counted: Readonly<Record<string, number>>) => Object.values(counted).reduce((sum, votes) => sum + votes, 0);
  const final = new Map(file.releases[file.releases.length - 1].units.map((unit) => [unit.id, total(unit.counted)]));
  return file.releases.flatMap((release) => {
    const day = Math.floor(hoursBetween(pollsClosed, release.asOf) / 24);
    return release.units.flatMap((unit): Pair[] => {
      const truth = (final.get(unit.id) ?? 0) - total(unit.counted);
      if (truth <= 0) return [];
      const { expected, low = expected, high = expected } = unit.outstanding;
      return [{ day, estimate: expected, truth, covered: low <= truth && truth <= high }];
    });
  });
}
