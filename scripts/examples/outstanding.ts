import type { Outstanding } from '../../core/schemas/index.ts';
import { parseCsvRows, type CsvRecord } from '../../feeds/csv/csv-records.ts';
import { optionalCount } from './numbers.ts';

/**
 * Multipliers for the 90% range of a unit's outstanding votes: low = expected × LOW, high = expected × HIGH.
 * Taken from how wrong the inputs of `expected` turned out in the November 2022 general (docs/examples.md):
 * - the registrar's countywide estimates: ballots actually counted after an estimate ÷ the estimate ran from
 *   0.334 (Nov 22: 15,105 estimated, 5,047 counted) to 1.147 (Nov 12: 739,300 estimated, 848,062 counted);
 * - the city's share of the ballots still to count ÷ its running share ran from 0.922 to 1.112;
 * - votes in the contest per ballot still to count ÷ the running figure ran from 0.990 to 1.002.
 * The products of the extremes, 0.305 and 1.278, rounded outwards to 0.30 and 1.30.
 */
export const RANGE_LOW_FACTOR = 0.3;
export const RANGE_HIGH_FACTOR = 1.3;

/** A registrar estimate of the ballots still to be processed countywide (one row of eub_la_county.csv). */
export type CountyEstimate = {
  /** The row's `as_of` text, for messages. */
  asOf: string;
  /** The first date in `as_of` (the earlier one when the row is ambiguous between two dates). */
  date: string;
  /** `total_outstanding_est`, or the sum of the reported parts when only parts are given. */
  outstandingBallots: number;
  /** Countywide ballots counted when the estimate was made, when the row gives it. */
  countedBallots: number | undefined;
};

/** What a release contributes to matching estimates: its local date and countywide ballots counted. */
export type CountySnapshot = { date: string; countyBallotsCounted: number };

/** An estimate tied to the release it describes, with the countywide total of ballots it implies. */
export type AnchoredEstimate = CountyEstimate & { releaseIndex: number; impliedTotalBallots: number };

const ESTIMATE_PARTS = ['vbm_outstanding', 'cvr_outstanding', 'provisional_outstanding', 'misc_outstanding'];

/**
 * Parses eub_la_county.csv. One note there has an unquoted comma ("'15,105 ballots ...'"), so its row has
 * one field too many: the surplus fields are joined back into `notes`, commas restored. Throws on a row whose
 * field count is still wrong.
 */
export function parseEstimatesCsv(text: string): CsvRecord[] {
  const [header = [], ...rows] = parseCsvRows(text);
  const notesColumn = header.indexOf('notes');
  if (notesColumn < 0) throw new Error('eub_la_county.csv: no column "notes"');
  return rows.map((row, index) => {
    const fields = joinSurplus(row, header.length, notesColumn);
    if (fields.length !== header.length) throw new Error(`eub_la_county.csv row ${index + 2}: expected ${header.length} fields, got ${fields.length}`);
    return Object.fromEntries(header.map((name, column) => [name, fields[column]]));
  });
}

/** Joins the fields a row has beyond `width` back into the field at `column`, commas restored. */
function joinSurplus(fields: readonly string[], width: number, column: number): readonly string[] {
  const surplus = fields.length - width;
  if (surplus <= 0) return fields;
  const joined = fields.slice(column, column + surplus + 1).join(',');
  return [...fields.slice(0, column), joined, ...fields.slice(column + surplus + 1)];
}

/** Reads the rows of eub_la_county.csv whose `election` column equals `election`, in file order. */
export function readCountyEstimates(rows: readonly CsvRecord[], election: string): CountyEstimate[] {
  return rows
    .filter((row) => row.election === election)
    .map((row) => {
      const date = /\d{4}-\d{2}-\d{2}/.exec(row.as_of)?.[0];
      if (date === undefined) throw new Error(`eub row "${row.as_of}": no date`);
      return {
        asOf: row.as_of,
        date,
        outstandingBallots: optionalCount(row, 'total_outstanding_est') ?? sumOfReportedParts(row),
        countedBallots: optionalCount(row, 'countywide_ballots_counted'),
      };
    });
}

/** A row without a total (Nov 19: only 22,200 vote-by-mail) counts what it reports: a lower bound. */
function sumOfReportedParts(row: CsvRecord): number {
  const parts = ESTIMATE_PARTS.map((field) => optionalCount(row, field)).filter((part) => part !== undefined);
  if (parts.length === 0) throw new Error(`eub row "${row.as_of}": no total and no parts`);
  return parts.reduce((sum, part) => sum + part, 0);
}

/**
 * Ties each estimate to a release: the one whose countywide count equals the estimate's, else the last
 * release on the estimate's date. Estimates that match no release are left out (primary: Jun 14, Jun 28).
 * The implied total is the estimate's own count (or the release's) plus the outstanding ballots.
 */
export function anchorEstimates(
  estimates: readonly CountyEstimate[],
  snapshots: readonly CountySnapshot[],
): AnchoredEstimate[] {
  return estimates.flatMap((estimate) => {
    const byCount = snapshots.findIndex((snapshot) => snapshot.countyBallotsCounted === estimate.countedBallots);
    const byDate = snapshots.findLastIndex((snapshot) => snapshot.date === estimate.date);
    const releaseIndex = byCount >= 0 ? byCount : byDate;
    if (releaseIndex < 0) return [];
    const counted = estimate.countedBallots ?? snapshots[releaseIndex].countyBallotsCounted;
    return [{ ...estimate, releaseIndex, impliedTotalBallots: counted + estimate.outstandingBallots }];
  });
}

/**
 * Countywide ballots still to count at a release: the latest estimate tied to this release or an earlier
 * one, else the first estimate (borrowed from a few hours later), minus the ballots counted; never below 0.
 */
export function countyOutstandingBallots(
  anchored: readonly AnchoredEstimate[],
  snapshots: readonly CountySnapshot[],
  releaseIndex: number,
): number {
  if (anchored.length === 0) throw new Error('no registrar estimate matches any release');
  // Latest by release, not by file row; among estimates of the same release the later row wins.
  const byRelease = [...anchored].sort((first, second) => first.releaseIndex - second.releaseIndex);
  const known = byRelease.filter((estimate) => estimate.releaseIndex <= releaseIndex);
  const estimate = known.length > 0 ? known[known.length - 1] : byRelease[0];
  return Math.max(0, estimate.impliedTotalBallots - snapshots[releaseIndex].countyBallotsCounted);
}

/**
 * Outstanding votes in the contest for the city, with the 90% range rule.
 * expected = round(county outstanding ballots × city votes in the contest per county ballot).
 *
 * @example cityOutstanding(1000, 0.38) // { expected: 380, low: 114, high: 494 }
 */
export function cityOutstanding(countyOutstanding: number, cityVotesPerCountyBallot: number): Outstanding {
  const expected = Math.round(countyOutstanding * cityVotesPerCountyBallot);
  return {
    expected,
    low: Math.round(expected * RANGE_LOW_FACTOR),
    high: Math.round(expected * RANGE_HIGH_FACTOR),
  };
}

/** A finished, certified count: nothing left, and no range. */
export function nothingOutstanding(): Outstanding {
  return { expected: 0 };
}
