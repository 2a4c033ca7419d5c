import type { CsvRecord } from '../../feeds/csv/csv-records.ts';
import { optionalCount, optionalPercent } from './numbers.ts';

/** Candidates with columns in primary_2022_mayor_updates_news.csv: candidate id → column prefix. */
const NEWS_COLUMNS = { caruso: 'caruso', bass: 'bass', 'de-leon': 'de_leon', viola: 'viola' } as const;

/** Times for releases whose source gives none (Pacific wall clock); see docs/examples.md. */
const EVENING_TIME = '20:30:00';
const DAYTIME_UPDATE_TIME = '16:00:00';

/** One release of the primary as the news reported it: exact counts and percentages for some candidates. */
export type NewsRelease = {
  /** `YYYY-MM-DDTHH:MM:SS`, Pacific wall clock. */
  localTime: string;
  /** What the source called the release (the text in parentheses). */
  label: string;
  certified: boolean;
  /** Exact votes, by candidate id. */
  counts: Record<string, number>;
  /** Percent (0-100) of all candidate votes, by candidate id. */
  percents: Record<string, number>;
  countyBallots: number | undefined;
};

/**
 * Reads the news rows of the primary into releases, in file order. Rows that describe the same release
 * (same text before the parenthesis, e.g. "2022-06-08 ~02:00") are merged; a figure given twice must agree.
 * A release with no exact count and a whole-percent figure is too coarse to rebuild counts from and is left
 * out (Jun 14: "38" and "41").
 */
export function readNewsReleases(rows: readonly CsvRecord[]): NewsRelease[] {
  const byKey = new Map<string, NewsRelease>();
  for (const row of rows) {
    const key = row.as_of_local.split('(')[0].trim();
    const release = readNewsRow(row);
    if (release === undefined) continue;
    const earlier = byKey.get(key);
    byKey.set(key, earlier === undefined ? release : mergeReleases(earlier, release, key));
  }
  return [...byKey.values()];
}

function readNewsRow(row: CsvRecord): NewsRelease | undefined {
  const counts: Record<string, number> = {};
  const percents: Record<string, number> = {};
  let wholePercent = false;
  for (const [id, prefix] of Object.entries(NEWS_COLUMNS)) {
    const count = optionalCount(row, `${prefix}_votes`);
    const percent = optionalPercent(row, `${prefix}_pct`);
    if (count !== undefined) counts[id] = count;
    if (percent !== undefined) percents[id] = percent.percent;
    if (percent !== undefined && percent.decimals === 0) wholePercent = true;
  }
  if (wholePercent && Object.keys(counts).length === 0) return undefined;
  const label = /\(([^)]*)\)/.exec(row.as_of_local)?.[1] ?? row.as_of_local;
  return {
    localTime: `${readDate(row.as_of_local)}T${readTime(row.as_of_local)}`,
    label,
    certified: label.includes('certified'),
    counts,
    percents,
    countyBallots: optionalCount(row, 'countywide_ballots_counted'),
  };
}

function readDate(asOf: string): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(asOf)?.[0];
  if (date === undefined) throw new Error(`news row "${asOf}": no date`);
  return date;
}

/** "~02:00" when the source gives a time; else a nominal evening or afternoon time. */
function readTime(asOf: string): string {
  const clock = /~?(\d{2}):(\d{2})/.exec(asOf.split('(')[0]);
  if (clock !== null) return `${clock[1]}:${clock[2]}:00`;
  return asOf.includes('evening') ? EVENING_TIME : DAYTIME_UPDATE_TIME;
}

function mergeReleases(first: NewsRelease, second: NewsRelease, key: string): NewsRelease {
  return {
    ...first,
    counts: mergeFigures(first.counts, second.counts, `${key} votes`),
    percents: mergeFigures(first.percents, second.percents, `${key} percent`),
    countyBallots: mergeFigures({ county: first.countyBallots }, { county: second.countyBallots }, key).county,
  };
}

function mergeFigures<T>(first: Record<string, T>, second: Record<string, T>, what: string): Record<string, T> {
  const merged = { ...first };
  for (const [id, value] of Object.entries(second)) {
    if (value === undefined) continue;
    if (merged[id] !== undefined && merged[id] !== value) {
      throw new Error(`${what} for ${id}: two sources disagree (${String(merged[id])} vs ${String(value)})`);
    }
    merged[id] = value;
  }
  return merged;
}
