import type { CountFile, Outstanding, Release } from '../../core/schemas/index.ts';
import type { BuiltExample } from '../examples/build.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import {
  anchorEstimates,
  cityOutstanding,
  countyOutstandingBallots,
  nothingOutstanding,
  parseEstimatesCsv,
  readCountyEstimates,
  type AnchoredEstimate,
  type CountySnapshot,
} from '../examples/outstanding.ts';
import { pacificIso } from '../examples/pacific-time.ts';
import { CHOSEN_CONTESTS, MAYOR_CONTEST, type ContestChoice } from './chosen-contests.ts';
import { readContestHistories, type ContestHistory } from './contest-history.ts';
import { countySnapshots, pinDailyReleases, readRegistrarReleases, type RegistrarRelease } from './registrar-releases.ts';

/** The raw CSV files the contest examples are built from, by role; names relative to the data directory. */
export const CONTEST_SOURCE_FILES = {
  allContests: 'lacounty_2022_general_all_contests_by_release.csv',
  generalUpdates: 'general_2022_mayor_updates.csv',
  countyEstimates: 'eub_la_county.csv',
} as const;

export type ContestSourceTexts = Record<keyof typeof CONTEST_SOURCE_FILES, string>;

const GENERAL_ELECTION = '2022-11-08 general';

/** Where a contest's count file lives, relative to the repository root. */
export function contestExamplePath(raceId: string): string {
  return `examples/contests/${raceId}.json`;
}

/** Everything shared by the contests: the registrar's releases, the pinning and the anchored estimates. */
export type CountyContext = {
  registrar: RegistrarRelease[];
  snapshots: CountySnapshot[];
  estimates: AnchoredEstimate[];
  /** For each daily release (0-based), the index into `registrar` it was pinned to. */
  pinned: number[];
};

/**
 * Builds one count file per contest of `choices` (default: CHOSEN_CONTESTS) from the CSV texts.
 * Pure: no file access; the same text gives the same output. docs/contest-examples.md documents every step.
 */
export function buildContestExamples(
  sources: ContestSourceTexts,
  choices: readonly ContestChoice[] = CHOSEN_CONTESTS,
): BuiltExample[] {
  const rows = parseCsvRecords(sources.allContests);
  const [mayor, ...histories] = readContestHistories(rows, [
    MAYOR_CONTEST.contestId,
    ...choices.map((choice) => choice.contestId),
  ]);
  const context = countyContext(mayor, sources);
  return choices.map((choice, index) => ({
    path: contestExamplePath(choice.race.id),
    countFile: buildContestCountFile(choice, histories[index], context),
  }));
}

/** Pins the daily releases with the mayor's counts and ties the registrar's estimates to its releases. */
export function countyContext(
  mayor: ContestHistory,
  sources: Pick<ContestSourceTexts, 'generalUpdates' | 'countyEstimates'>,
): CountyContext {
  checkContestName(mayor, MAYOR_CONTEST.contestName);
  const registrar = readRegistrarReleases(parseCsvRecords(sources.generalUpdates));
  const snapshots = countySnapshots(registrar);
  const estimates = anchorEstimates(
    readCountyEstimates(parseEstimatesCsv(sources.countyEstimates), GENERAL_ELECTION),
    snapshots,
  );
  const pinned = pinDailyReleases(mayor, registrar, {
    bass: MAYOR_CONTEST.bassBallotName,
    caruso: MAYOR_CONTEST.carusoBallotName,
  });
  return { registrar, snapshots, estimates, pinned };
}

/**
 * One contest's count file: one unit for the whole contest area, one release per daily release, timed and
 * labelled by the registrar release it was pinned to. Outstanding votes at a daily release pinned to
 * registrar release r:
 *   expected = round(countywide outstanding ballots at r × this contest's votes ÷ countywide ballots at r),
 * i.e. the uncounted ballots are assumed to carry this contest as often, and with as many votes, as the
 * counted ones; the range is the mayor examples' rule (RANGE_LOW_FACTOR, RANGE_HIGH_FACTOR). The last
 * release is the certified count: 0 outstanding, no range.
 */
export function buildContestCountFile(choice: ContestChoice, history: ContestHistory, context: CountyContext): CountFile {
  checkContestName(history, choice.contestName);
  checkCandidates(choice, history);
  if (history.releases.length !== context.pinned.length) {
    throw new Error(
      `${choice.race.id}: ${history.releases.length} releases, but the mayor's race has ${context.pinned.length}`,
    );
  }
  const last = history.releases.length - 1;
  const releases = history.releases.map((daily, index): Release => {
    const registrarIndex = context.pinned[index];
    const registrarRelease = context.registrar[registrarIndex];
    const counted = Object.fromEntries(choice.candidates.map(({ ballotName, id }) => [id, daily.votes[ballotName]]));
    const outstanding =
      index === last
        ? nothingOutstanding()
        : contestOutstanding(
            countyOutstandingBallots(context.estimates, context.snapshots, registrarIndex),
            sumVotes(counted),
            registrarRelease.countyBallots,
          );
    return {
      asOf: pacificIso(registrarRelease.localTime),
      label: `daily release ${daily.index} (${daily.date}) = registrar release ${registrarRelease.sequence}: ${registrarRelease.label}`,
      units: [{ ...choice.unit, counted, outstanding }],
    };
  });
  return {
    schemaVersion: 1,
    race: {
      id: choice.race.id,
      name: choice.race.name,
      rule: choice.race.rule,
      candidates: choice.candidates.map(({ id, name }) => ({ id, name })),
    },
    releases,
  };
}

/**
 * The contest's outstanding votes: countywide outstanding ballots × the contest's votes per countywide
 * ballot counted so far, with the 90% range rule of the mayor examples. Not defined before any county ballot
 * is counted.
 *
 * @example contestOutstanding(1000, 380, 1000) // { expected: 380, low: 114, high: 494 }
 */
export function contestOutstanding(countyOutstanding: number, contestVotes: number, countyBallots: number): Outstanding {
  if (countyBallots <= 0) throw new Error('no countywide ballots counted: the contest share is undefined');
  // cityOutstanding is the mayor examples' rule; "city" there is simply the unit, here the contest area.
  return cityOutstanding(countyOutstanding, contestVotes / countyBallots);
}

function checkContestName(history: ContestHistory, expected: string): void {
  if (history.contestName !== expected) {
    throw new Error(`contest ${history.contestId} is "${history.contestName}", expected "${expected}"`);
  }
}

function checkCandidates(choice: ContestChoice, history: ContestHistory): void {
  const inData = Object.keys(history.releases[0].votes).sort();
  const chosen = choice.candidates.map((candidate) => candidate.ballotName).sort();
  if (inData.join('|') !== chosen.join('|')) {
    throw new Error(`${choice.race.id}: the CSV has candidates ${inData.join(', ')}, expected ${chosen.join(', ')}`);
  }
}

function sumVotes(votes: Readonly<Record<string, number>>): number {
  return Object.values(votes).reduce((sum, count) => sum + count, 0);
}
