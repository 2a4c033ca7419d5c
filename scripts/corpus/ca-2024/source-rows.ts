import type { CsvRecord } from '../../../feeds/csv/csv-records.ts';
import { requiredCount } from '../../examples/numbers.ts';

/** One row of county_updates.csv: a candidate's cumulative votes in one county of one contest. */
export type UpdateRow = {
  snapshot: string;
  contestId: string;
  contestTitle: string;
  ruleHint: 'top-two' | 'plurality';
  county: string;
  precinctsTotal: number;
  candidate: string;
  party: string;
  votes: number;
};

/** One county-level drop of count_decreases.csv: where a unit needs `"correction": true`. */
export type CountDecrease = { snapshot: string; contestId: string; county: string };

/** Reads county_updates.csv records; throws on an unknown rule hint or a field that is not a count. */
export function readUpdateRows(records: readonly CsvRecord[]): UpdateRow[] {
  return records.map((record) => ({
    snapshot: record.snapshot_utc,
    contestId: record.contest_id,
    contestTitle: record.contest_title,
    ruleHint: readRuleHint(record.rule_hint),
    county: record.unit,
    precinctsTotal: requiredCount(record, 'precincts_total'),
    candidate: record.candidate,
    party: record.party,
    votes: requiredCount(record, 'votes'),
  }));
}

/** The county-level rows of count_decreases.csv (the `total` rows concern statewide entries, not units). */
export function readCountDecreases(records: readonly CsvRecord[]): CountDecrease[] {
  return records
    .filter((record) => record.level === 'unit')
    .map((record) => ({ snapshot: record.snapshot_utc, contestId: record.contest_id, county: record.unit }));
}

function readRuleHint(hint: string | undefined): UpdateRow['ruleHint'] {
  if (hint === 'top-two' || hint === 'plurality') return hint;
  throw new Error(`rule_hint: expected "top-two" or "plurality", got "${hint}"`);
}
