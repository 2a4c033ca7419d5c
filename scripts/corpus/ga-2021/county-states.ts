import type { CsvRecord } from '../../../feeds/csv/csv-records.ts';
import { requiredCount } from '../../examples/numbers.ts';
import { VOTE_TYPES, type GaRace, type VoteType } from './races.ts';

/** Votes by vote type, then by candidate id. */
export type VotesByType = Readonly<Record<VoteType, Readonly<Record<string, number>>>>;

/** What one county's Clarity report showed for one race at one snapshot (county_updates.csv, 8 rows). */
export type CountyState = {
  county: string;
  precincts: number;
  /** Precincts at Clarity reporting code 4 (all have election-day and advance votes). */
  precinctsCode4: number;
  /** Clarity `totalVoters` summed over the precincts; 0 where not filled in. */
  registered: number;
  /** Ballots cast in the whole election (not one race), summed over the precincts. */
  ballotsCast: number;
  votes: VotesByType;
};

/**
 * The race at one snapshot at which it changed: every county present so far, in alphabetical order, and how
 * many of them had a report (all of them, unless `withEveryCounty` added those still waiting).
 */
export type RaceSnapshot = { asOf: string; counties: readonly CountyState[]; reporting?: number };

/**
 * Rebuilds the full state of one race at every snapshot where county_updates.csv has rows for it. A county
 * keeps its last emitted state until it changes; it is present from its first snapshot on. Throws unless every
 * emitted (snapshot, county) has exactly one row per vote type and candidate, with the same county fields.
 */
export function raceSnapshots(rows: readonly CsvRecord[], race: GaRace): RaceSnapshot[] {
  const emitted = new Map<string, Map<string, CsvRecord[]>>();
  for (const row of rows) {
    if (row.race !== race.key) continue;
    const bySnapshot = emitted.get(row.snapshot_utc) ?? new Map<string, CsvRecord[]>();
    bySnapshot.set(row.county, [...(bySnapshot.get(row.county) ?? []), row]);
    emitted.set(row.snapshot_utc, bySnapshot);
  }
  const latest = new Map<string, CountyState>();
  return [...emitted.keys()]
    .sort((first, second) => Date.parse(first) - Date.parse(second))
    .map((asOf) => {
      for (const [county, countyRows] of emitted.get(asOf) ?? []) latest.set(county, readCountyState(countyRows, race));
      const counties = [...latest.values()].sort((first, second) => first.county.localeCompare(second.county));
      return { asOf, counties };
    });
}

function readCountyState(rows: readonly CsvRecord[], race: GaRace): CountyState {
  const [first] = rows;
  const where = `${race.key}, ${first.county}, ${first.snapshot_utc}`;
  const expectedRows = VOTE_TYPES.length * race.candidates.length;
  if (rows.length !== expectedRows) throw new Error(`${where}: ${rows.length} rows, expected ${expectedRows}`);
  const countyFields = ['precincts', 'precincts_code_4', 'registered_voters', 'ballots_cast'];
  for (const field of countyFields) {
    if (rows.some((row) => row[field] !== first[field])) throw new Error(`${where}: ${field} differs between rows`);
  }
  const votes = Object.fromEntries(
    VOTE_TYPES.map((voteType) => [voteType, candidateVotes(rows, voteType, race, where)]),
  ) as Record<VoteType, Record<string, number>>;
  return {
    county: first.county,
    precincts: requiredCount(first, 'precincts'),
    precinctsCode4: requiredCount(first, 'precincts_code_4'),
    registered: requiredCount(first, 'registered_voters'),
    ballotsCast: requiredCount(first, 'ballots_cast'),
    votes,
  };
}

function candidateVotes(rows: readonly CsvRecord[], voteType: VoteType, race: GaRace, where: string): Record<string, number> {
  return Object.fromEntries(
    race.candidates.map((candidate) => {
      const matching = rows.filter((row) => row.vote_type === voteType && row.candidate === candidate.clarityName);
      if (matching.length !== 1) throw new Error(`${where}: ${matching.length} rows for ${voteType}, ${candidate.clarityName}`);
      if (matching[0].party !== candidate.party) throw new Error(`${where}: ${candidate.clarityName} is not ${candidate.party}`);
      return [candidate.id, requiredCount(matching[0], 'votes')];
    }),
  );
}

/** Votes by candidate summed over the vote types. */
export function totalByCandidate(votes: VotesByType): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const voteType of VOTE_TYPES) {
    for (const [candidateId, count] of Object.entries(votes[voteType])) totals[candidateId] = (totals[candidateId] ?? 0) + count;
  }
  return totals;
}

/** All votes of a vote type (or of every type) in the race. */
export function raceVotes(state: CountyState, voteType?: VoteType): number {
  const types: readonly VoteType[] = voteType === undefined ? VOTE_TYPES : [voteType];
  return types.reduce((sum, type) => sum + Object.values(state.votes[type]).reduce((part, count) => part + count, 0), 0);
}

/** A county whose every precinct is at reporting code 4. */
export function allPrecinctsIn(state: CountyState): boolean {
  return state.precinctsCode4 === state.precincts;
}
