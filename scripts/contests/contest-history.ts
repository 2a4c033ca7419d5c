import type { CsvRecord } from '../../feeds/csv/csv-records.ts';
import { requiredCount } from '../examples/numbers.ts';

/** One daily release point of one contest: cumulative votes by the CSV's candidate text. */
export type DailyRelease = { index: number; date: string; votes: Readonly<Record<string, number>> };

/** One contest of lacounty_2022_general_all_contests_by_release.csv, its releases in order 1, 2, ... */
export type ContestHistory = { contestId: string; contestName: string; releases: DailyRelease[] };

/**
 * Groups the rows of the all-contests CSV for the contests asked for. The file is not sorted by release
 * within a contest, so releases are ordered by `release_index`. Checks, for every row of the file (not only
 * the contests asked for), that a release index always has the same date; and for each contest asked for,
 * that its name is the same on every row, its release indices run 1..N with no gap, every candidate appears
 * once in each release, and `votes_cumulative` is the previous release's plus `votes_added_in_release`.
 */
export function readContestHistories(rows: readonly CsvRecord[], contestIds: readonly string[]): ContestHistory[] {
  checkReleaseDates(rows);
  const wanted = new Set(contestIds);
  const byContest = new Map<string, CsvRecord[]>();
  for (const row of rows) {
    if (!wanted.has(row.contest_id)) continue;
    const contestRows = byContest.get(row.contest_id) ?? [];
    contestRows.push(row);
    byContest.set(row.contest_id, contestRows);
  }
  return contestIds.map((contestId) => {
    const contestRows = byContest.get(contestId);
    if (contestRows === undefined) throw new Error(`all-contests CSV: no contest ${contestId}`);
    return readContest(contestId, contestRows);
  });
}

function checkReleaseDates(rows: readonly CsvRecord[]): void {
  const dates = new Map<number, string>();
  for (const row of rows) {
    const index = requiredCount(row, 'release_index');
    const known = dates.get(index);
    if (known !== undefined && known !== row.release_date) {
      throw new Error(`all-contests CSV: release ${index} is dated both ${known} and ${row.release_date}`);
    }
    dates.set(index, row.release_date);
  }
}

function readContest(contestId: string, rows: readonly CsvRecord[]): ContestHistory {
  const contestName = rows[0].contest;
  const what = `contest ${contestId} (${contestName})`;
  if (rows.some((row) => row.contest !== contestName)) throw new Error(`${what}: more than one contest name`);
  const candidates = [...new Set(rows.map((row) => row.candidate))];
  const byIndex = new Map<number, CsvRecord[]>();
  for (const row of rows) {
    const index = requiredCount(row, 'release_index');
    byIndex.set(index, [...(byIndex.get(index) ?? []), row]);
  }
  const releases: DailyRelease[] = [];
  let previous: Record<string, number> = Object.fromEntries(candidates.map((candidate) => [candidate, 0]));
  for (let index = 1; index <= byIndex.size; index += 1) {
    const releaseRows = byIndex.get(index);
    if (releaseRows === undefined) throw new Error(`${what}: release indices are not 1..${byIndex.size}`);
    const votes: Record<string, number> = {};
    for (const row of releaseRows) {
      if (row.candidate in votes) throw new Error(`${what}, release ${index}: ${row.candidate} twice`);
      const cumulative = requiredCount(row, 'votes_cumulative');
      const added = requiredCount(row, 'votes_added_in_release');
      if (cumulative !== previous[row.candidate] + added) {
        throw new Error(
          `${what}, release ${index}, ${row.candidate}: cumulative ${cumulative} is not ` +
            `${previous[row.candidate]} + ${added}`,
        );
      }
      votes[row.candidate] = cumulative;
    }
    const missing = candidates.filter((candidate) => !(candidate in votes));
    if (missing.length > 0) throw new Error(`${what}, release ${index}: no row for ${missing.join(', ')}`);
    releases.push({ index, date: releaseRows[0].release_date, votes });
    previous = votes;
  }
  return { contestId, contestName, releases };
}
