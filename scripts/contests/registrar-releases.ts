import type { CsvRecord } from '../../feeds/csv/csv-records.ts';
import { requiredCount } from '../examples/numbers.ts';
import type { CountySnapshot } from '../examples/outstanding.ts';
import type { ContestHistory } from './contest-history.ts';

/** One row of general_2022_mayor_updates.csv: what pinning and the countywide count need. */
export type RegistrarRelease = {
  sequence: number;
  /** `registrar_timestamp_pt`: Pacific wall clock, `YYYY-MM-DDTHH:MM:SS`. */
  localTime: string;
  label: string;
  bassVotes: number;
  carusoVotes: number;
  countyBallots: number;
};

export function readRegistrarReleases(rows: readonly CsvRecord[]): RegistrarRelease[] {
  return rows.map((row) => ({
    sequence: requiredCount(row, 'release_seq'),
    localTime: row.registrar_timestamp_pt,
    label: row.release_label,
    bassVotes: requiredCount(row, 'bass_votes'),
    carusoVotes: requiredCount(row, 'caruso_votes'),
    countyBallots: requiredCount(row, 'county_ballots_counted'),
  }));
}

/** The registrar releases as the snapshots `anchorEstimates` and `countyOutstandingBallots` work on. */
export function countySnapshots(registrar: readonly RegistrarRelease[]): CountySnapshot[] {
  return registrar.map((release) => ({
    date: release.localTime.slice(0, 10),
    countyBallotsCounted: release.countyBallots,
  }));
}

/**
 * Pins each daily release of the all-contests file to the registrar release it is a snapshot of: the one
 * row of general_2022_mayor_updates.csv whose Bass and Caruso votes equal the mayor's cumulative votes at
 * that daily release. Returns indices into `registrar`. Throws unless every daily release matches exactly one
 * registrar row, dated the same day, in increasing order, with the last daily release on the last
 * (certified) registrar row.
 */
export function pinDailyReleases(
  mayor: ContestHistory,
  registrar: readonly RegistrarRelease[],
  ballotNames: { bass: string; caruso: string },
): number[] {
  const pinned = mayor.releases.map((daily) => {
    const bass = daily.votes[ballotNames.bass];
    const caruso = daily.votes[ballotNames.caruso];
    if (bass === undefined || caruso === undefined) {
      throw new Error(`mayor, daily release ${daily.index}: no votes for ${ballotNames.bass} or ${ballotNames.caruso}`);
    }
    const matches = registrar.flatMap((release, index) =>
      release.bassVotes === bass && release.carusoVotes === caruso ? [index] : [],
    );
    if (matches.length !== 1) {
      throw new Error(
        `daily release ${daily.index} (${daily.date}): mayor votes Bass ${bass}, Caruso ${caruso} match ` +
          `${matches.length} registrar releases, expected 1`,
      );
    }
    const match = registrar[matches[0]];
    if (match.localTime.slice(0, 10) !== daily.date) {
      throw new Error(
        `daily release ${daily.index} is dated ${daily.date} but its counts are registrar release ` +
          `${match.sequence} of ${match.localTime}`,
      );
    }
    return matches[0];
  });
  pinned.forEach((registrarIndex, index) => {
    if (index > 0 && registrarIndex <= pinned[index - 1]) {
      throw new Error(`daily release ${index + 1} pins to a registrar release before daily release ${index}'s`);
    }
  });
  if (pinned[pinned.length - 1] !== registrar.length - 1) {
    throw new Error('the last daily release is not the last (certified) registrar release');
  }
  return pinned;
}
