import type { CountFile, Release } from '../../../core/schemas/index.ts';
import type { BuiltExample } from '../../examples/build.ts';
import { parseCsvRecords, type CsvRecord } from '../../../feeds/csv/csv-records.ts';
import { raceSnapshots } from './county-states.ts';
import { withEveryCounty } from './every-county.ts';
import { GA_RACES, type GaRace } from './races.ts';
import { assembleReleases, type RaceHistory } from './releases.ts';
import { estimateSnapshot } from './snapshot-estimate.ts';
import { keptSnapshots } from './thinning.ts';
import { countyUnits, countyVoteTypeUnits } from './units.ts';

/** The files of ../shared/data/ga-2021-runoff the corpus is built from, by role. */
export const GA_SOURCE_FILES = {
  countyUpdates: 'county_updates.csv',
  snapshots: 'snapshots.csv',
} as const;

export type GaSourceTexts = Record<keyof typeof GA_SOURCE_FILES, string>;

/** Where the two variants live, relative to the repository root. */
export const GA_CORPUS_DIRS = {
  county: 'corpus/ga-2021-runoff',
  countyVoteType: 'corpus/ga-2021-runoff-by-type',
} as const;

/**
 * Builds the six count files (three races × county units, county × vote-type units) from the CSV texts.
 * Pure: the same text gives the same files. corpus/ga-2021-runoff/README.md documents every step.
 */
export function buildGaCorpus(sources: GaSourceTexts): BuiltExample[] {
  const rows = parseCsvRecords(sources.countyUpdates);
  const commits = snapshotCommits(parseCsvRecords(sources.snapshots));
  return GA_RACES.flatMap((race) => {
    const snapshots = withEveryCounty(raceSnapshots(rows, race));
    const history: RaceHistory = { snapshots, estimates: snapshots.map(estimateSnapshot), commits };
    const everySnapshot = snapshots.map((_, index) => index);
    return [
      {
        path: `${GA_CORPUS_DIRS.county}/${race.key}.json`,
        countFile: countFile(race, race.raceId, assembleReleases(history, everySnapshot, countyUnits)),
      },
      {
        path: `${GA_CORPUS_DIRS.countyVoteType}/${race.key}.json`,
        countFile: countFile(
          race,
          `${race.raceId}-by-type`,
          assembleReleases(history, keptSnapshots(snapshots), countyVoteTypeUnits),
        ),
      },
    ];
  });
}

function countFile(race: GaRace, raceId: string, releases: Release[]): CountFile {
  return {
    schemaVersion: 1,
    race: {
      id: raceId,
      name: race.name,
      rule: { kind: 'plurality' },
      candidates: race.candidates.map(({ id, name, party }) => ({ id, name, party })),
    },
    releases,
  };
}

function snapshotCommits(rows: readonly CsvRecord[]): Map<string, string> {
  return new Map(rows.map((row) => [row.snapshot_utc, row.commit]));
}
