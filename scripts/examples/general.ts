import type { CountFile, Release } from '../../core/schemas/index.ts';
import { parseCsvRecords, type CsvRecord } from '../../feeds/csv/csv-records.ts';
import { requiredCount } from './numbers.ts';
import {
  anchorEstimates,
  cityOutstanding,
  countyOutstandingBallots,
  nothingOutstanding,
  parseEstimatesCsv,
  readCountyEstimates,
  type CountySnapshot,
} from './outstanding.ts';
import { pacificIso } from './pacific-time.ts';

export const CITY_UNIT = { id: 'los-angeles-city', name: 'City of Los Angeles' } as const;

const GENERAL_ELECTION = '2022-11-08 general';

/** One row of general_2022_mayor_updates.csv, as the numbers the count file needs. */
type GeneralUpdate = {
  sequence: number;
  localTime: string;
  label: string;
  bassVotes: number;
  carusoVotes: number;
  contestVotes: number;
  contestBallots: number;
  countyBallots: number;
};

/**
 * Builds the November 2022 general count file (Bass v Caruso, one unit for the city) from the text of
 * general_2022_mayor_updates.csv and eub_la_county.csv. Pure: the same text gives the same object.
 * How the outstanding votes are estimated is documented in docs/examples.md.
 */
export function buildGeneralCountFile(sources: { updatesCsv: string; estimatesCsv: string }): CountFile {
  const updates = parseCsvRecords(sources.updatesCsv).map(readGeneralUpdate);
  const snapshots: CountySnapshot[] = updates.map((update) => ({
    date: update.localTime.slice(0, 10),
    countyBallotsCounted: update.countyBallots,
  }));
  const estimateRows = parseEstimatesCsv(sources.estimatesCsv);
  const estimates = anchorEstimates(readCountyEstimates(estimateRows, GENERAL_ELECTION), snapshots);
  const releases = updates.map((update, index): Release => {
    // The last release is the certified count: nothing is left to count.
    const outstanding =
      index === updates.length - 1
        ? nothingOutstanding()
        : cityOutstanding(countyOutstandingBallots(estimates, snapshots, index), cityVotesPerCountyBallot(update));
    return {
      asOf: pacificIso(update.localTime),
      label: `release ${update.sequence}: ${update.label}`,
      units: [{ ...CITY_UNIT, counted: { bass: update.bassVotes, caruso: update.carusoVotes }, outstanding }],
    };
  });
  return {
    schemaVersion: 1,
    race: {
      id: 'la-mayor-2022-general',
      name: 'Los Angeles Mayor, general election',
      rule: { kind: 'plurality' },
      candidates: [
        { id: 'bass', name: 'Karen Bass' },
        { id: 'caruso', name: 'Rick Caruso' },
      ],
    },
    releases,
  };
}

/**
 * Votes in this contest that one uncounted county ballot is expected to add for the city: the city's running
 * share of the county's ballots times the contest's running votes per ballot (undervotes lower it).
 */
function cityVotesPerCountyBallot(update: GeneralUpdate): number {
  const cityShareOfBallots = update.contestBallots / update.countyBallots;
  const votesPerBallot = update.contestVotes / update.contestBallots;
  return cityShareOfBallots * votesPerBallot;
}

function readGeneralUpdate(row: CsvRecord): GeneralUpdate {
  return {
    sequence: requiredCount(row, 'release_seq'),
    localTime: row.registrar_timestamp_pt,
    label: row.release_label,
    bassVotes: requiredCount(row, 'bass_votes'),
    carusoVotes: requiredCount(row, 'caruso_votes'),
    contestVotes: requiredCount(row, 'mayor_candidate_votes_total'),
    contestBallots: requiredCount(row, 'mayor_ballots_cast'),
    countyBallots: requiredCount(row, 'county_ballots_counted'),
  };
}
