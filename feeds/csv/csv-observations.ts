import { CsvError } from 'csv-parse/sync';
import type { Candidate, Outstanding } from '../../core/schemas/index.ts';
import { FeedError } from '../feed-error.ts';
import { feedId } from '../feed-ids.ts';
import type { ObservedPart, RaceObservation } from '../observation.ts';
import { bodyText } from '../feed-body.ts';
import type { FeedSnapshot } from '../recorded-snapshot.ts';
import { parseNumberedCsvRecords, type CsvRecord } from './csv-records.ts';

/**
 * The columns of a count spreadsheet, one row per snapshot, race, unit, candidate (and vote type):
 * snapshot_time,race_id,race_name,unit_id,unit_name,candidate_id,candidate_name,votes,outstanding_expected,outstanding_low,outstanding_high
 * Optional columns: vote_type, candidate_party. Columns may come in any order; any other column is an error.
 */
export const CSV_REQUIRED_COLUMNS = [
  'snapshot_time',
  'race_id',
  'race_name',
  'unit_id',
  'unit_name',
  'candidate_id',
  'candidate_name',
  'votes',
  'outstanding_expected',
  'outstanding_low',
  'outstanding_high',
] as const;
export const CSV_OPTIONAL_COLUMNS = ['vote_type', 'candidate_party'] as const;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Row = { line: number; record: CsvRecord };

/** The estimate rows gave for a unit or a unit's vote type, and the line that first gave it. */
type PartEntry = ObservedPart & { counted: Record<string, number>; estimateLine: number; estimateText: string };

/**
 * What a count spreadsheet says: one observation per snapshot time and race, snapshots in the order their
 * times first appear in the file. `votes` are cumulative whole votes; `outstanding_expected`, `_low` and
 * `_high` are the unit's estimate (its vote type's, with `vote_type`), repeated on each candidate's row, and
 * may be empty (no estimate: the unit borrows one; no range). Ids are kept exactly as written.
 * @throws FeedError naming the line and column of anything malformed.
 */
export function csvObservations(snapshot: FeedSnapshot): RaceObservation[] {
  const { columns, records } = readCsv(snapshot);
  checkColumns(columns, snapshot.source);
  const observations = new Map<string, { time: string; race: RaceObservation['race']; units: Map<string, { name?: string; whole?: PartEntry; types: Map<string, PartEntry> }> }>();
  const seen = new Map<string, number>();
  for (const row of records) {
    const at = (column: string) => `line ${row.line}, ${column}`;
    const time = row.record.snapshot_time;
    if (!ISO_WITH_OFFSET.test(time) || Number.isNaN(Date.parse(time))) {
      throw new FeedError(snapshot.source, `${at('snapshot_time')}: expected an ISO 8601 date-time with an offset, got ${JSON.stringify(time)}`);
    }
    const raceId = feedId(row.record.race_id, at('race_id'), snapshot.source);
    const unitId = feedId(row.record.unit_id, at('unit_id'), snapshot.source);
    const candidateId = feedId(row.record.candidate_id, at('candidate_id'), snapshot.source);
    const voteType = row.record.vote_type ?? '';
    const type = voteType === '' ? undefined : feedId(voteType, at('vote_type'), snapshot.source);
    const key = JSON.stringify([time, raceId, unitId, type ?? '', candidateId]);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new FeedError(snapshot.source, `line ${row.line}: the same snapshot, race, unit, ${type === undefined ? '' : 'vote type, '}and candidate as line ${earlier}`);
    seen.set(key, row.line);

    const observationKey = JSON.stringify([time, raceId]);
    let observation = observations.get(observationKey);
    if (observation === undefined) {
      observation = { time, race: { id: raceId, name: row.record.race_name, rule: { kind: 'plurality' }, candidates: [] }, units: new Map() };
      observations.set(observationKey, observation);
    }
    addCandidate(observation.race.candidates, candidateId, row.record);
    let unit = observation.units.get(unitId);
    if (unit === undefined) observation.units.set(unitId, (unit = { ...(row.record.unit_name === '' ? {} : { name: row.record.unit_name }), types: new Map() }));
    if ((type === undefined && unit.types.size > 0) || (type !== undefined && unit.whole !== undefined)) {
      throw new FeedError(snapshot.source, `${at('vote_type')}: unit ${unitId} has rows with and without a vote type in the same snapshot`);
    }
    const part = type === undefined ? (unit.whole ??= newPart(row)) : partOfType(unit.types, type, row);
    checkSameEstimate(part, row, snapshot.source);
    part.counted[candidateId] = wholeNumber(row.record.votes, at('votes'), snapshot.source);
  }
  return [...observations.values()].map(({ time, race, units }) => ({
    source: snapshot.source,
    race,
    asOf: time,
    units: [...units.entries()].map(([id, unit]) => {
      const whole = unit.whole === undefined ? undefined : stripEntry(unit.whole);
      const types = unit.types.size === 0 ? undefined : Object.fromEntries([...unit.types.entries()].map(([name, part]) => [name, stripEntry(part)]));
      const counted = whole?.counted ?? sumTypes(Object.values(types ?? {}));
      return { id, ...(unit.name === undefined ? {} : { name: unit.name }), counted, ...(whole?.outstanding === undefined ? {} : { outstanding: whole.outstanding }), ...(types === undefined ? {} : { types }) };
    }),
  }));
}

function readCsv(snapshot: FeedSnapshot) {
  try {
    return parseNumberedCsvRecords(bodyText(snapshot));
  } catch (error) {
    if (error instanceof CsvError) throw new FeedError(snapshot.source, `not valid CSV: ${error.message}`);
    throw error;
  }
}

function checkColumns(columns: readonly string[], source: string): void {
  const known: readonly string[] = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS];
  const unknown = columns.filter((column) => !known.includes(column));
  const missing = CSV_REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    throw new FeedError(source, 'the header does not have the documented columns', [
      ...missing.map((column) => `missing column "${column}"`),
      ...unknown.map((column) => `unknown column "${column}"`),
      `the columns are ${CSV_REQUIRED_COLUMNS.join(',')} and optionally ${CSV_OPTIONAL_COLUMNS.join(', ')}`,
    ]);
  }
}

function addCandidate(candidates: Candidate[], id: string, record: CsvRecord): void {
  if (candidates.some((candidate) => candidate.id === id)) return;
  const party = record.candidate_party ?? '';
  candidates.push({ id, name: record.candidate_name, ...(party === '' ? {} : { party }) });
}

function newPart(row: Row): PartEntry {
  return { counted: {}, estimateLine: row.line, estimateText: estimateText(row.record) };
}

function partOfType(types: Map<string, PartEntry>, type: string, row: Row): PartEntry {
  let part = types.get(type);
  if (part === undefined) types.set(type, (part = newPart(row)));
  return part;
}

function estimateText(record: CsvRecord): string {
  return [record.outstanding_expected, record.outstanding_low, record.outstanding_high].join(',');
}

/** Each candidate's row of a unit repeats the unit's estimate: it must be the same on every row. */
function checkSameEstimate(part: PartEntry, row: Row, source: string): void {
  if (part.outstanding === undefined && part.estimateLine === row.line) {
    const at = (column: string) => `line ${row.line}, ${column}`;
    const number = (column: 'outstanding_expected' | 'outstanding_low' | 'outstanding_high') =>
      row.record[column] === '' ? undefined : wholeNumber(row.record[column], at(column), source);
    const expected = number('outstanding_expected');
    const low = number('outstanding_low');
    const high = number('outstanding_high');
    if (expected === undefined && (low !== undefined || high !== undefined)) {
      throw new FeedError(source, `${at('outstanding_expected')}: empty, but outstanding_low or outstanding_high is given`);
    }
    if (expected !== undefined) part.outstanding = { expected, ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) } as Outstanding;
    return;
  }
  if (estimateText(row.record) !== part.estimateText) {
    throw new FeedError(source, `line ${row.line}, outstanding_expected/low/high: "${estimateText(row.record)}", but line ${part.estimateLine} gives "${part.estimateText}" for the same unit and snapshot`);
  }
}

function wholeNumber(text: string, where: string, source: string): number {
  if (!/^\d+$/.test(text)) throw new FeedError(source, `${where}: expected a whole number >= 0, got ${JSON.stringify(text)}`);
  return Number(text);
}

function stripEntry(part: PartEntry): ObservedPart {
  return { counted: part.counted, ...(part.outstanding === undefined ? {} : { outstanding: part.outstanding }) };
}

function sumTypes(parts: readonly ObservedPart[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const part of parts) for (const [id, votes] of Object.entries(part.counted)) sum[id] = (sum[id] ?? 0) + votes;
  return sum;
}
