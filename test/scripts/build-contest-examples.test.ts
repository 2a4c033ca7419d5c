import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCountFile } from '../../core/schemas/index.ts';
import { formatCountFile } from '../../scripts/examples/build.ts';
import { expectRangesUntilTheLastRelease, parseCommittedCountFile } from '../fixtures/count-files.ts';
import { sharedDataDir } from '../fixtures/shared-data.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import {
  buildContestExamples,
  CONTEST_SOURCE_FILES,
  contestExamplePath,
  contestOutstanding,
  type ContestSourceTexts,
} from '../../scripts/contests/build.ts';
import { CHOSEN_CONTESTS, MAYOR_CONTEST, type ContestChoice } from '../../scripts/contests/chosen-contests.ts';
import type { ContestHistory } from '../../scripts/contests/contest-history.ts';
import { pinDailyReleases, type RegistrarRelease } from '../../scripts/contests/registrar-releases.ts';

const REPO_ROOT = new URL('../../', import.meta.url);
const DATA_DIR = sharedDataDir('la-2022');

/** The 15 daily release dates of lacounty_2022_general_all_contests_by_release.csv. */
const RELEASE_DATES = [
  '2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11', '2022-11-12', '2022-11-14', '2022-11-15', '2022-11-16',
  '2022-11-17', '2022-11-18', '2022-11-19', '2022-11-22', '2022-11-29', '2022-12-02', '2022-12-05',
];

/** Registrar release (general_2022_mayor_updates.csv `release_seq`) each daily release is pinned to. */
const PINNED_REGISTRAR_RELEASES = [1, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27];

/** Each contest's cumulative votes at release 15 (certification day) in the all-contests CSV. */
const FINAL_VOTES: Record<string, Record<string, number>> = {
  'la-county-supervisor-3-2022': { hertzberg: 229358, horvath: 258315 },
  'ca-assembly-40-2022': { schiavo: 79852, valladares: 79330 },
  'la-city-council-13-2022': { 'soto-martinez': 38069, ofarrell: 27797 },
  'la-city-controller-2022': { mejia: 513288, koretz: 297190 },
  'la-county-sheriff-2022': { villanueva: 867029, luna: 1370837 },
  'la-city-measure-ula-2022': { yes: 512808, no: 374934 },
  'laccd-trustee-seat-4-2022': { lamonica: 176595, moreno: 268333, hernandez: 524690 },
};

const PATHS = CHOSEN_CONTESTS.map((choice) => contestExamplePath(choice.race.id));

function readCommitted(path: string): string {
  return readFileSync(new URL(path, REPO_ROOT), 'utf8');
}

function readSources(): ContestSourceTexts {
  return Object.fromEntries(
    Object.entries(CONTEST_SOURCE_FILES).map(([role, file]) => [role, readFileSync(new URL(file, DATA_DIR), 'utf8')]),
  ) as ContestSourceTexts;
}

describe('committed contest count files', () => {
  it('there is one file per chosen contest, at least four, and each parses as a count file', () => {
    expect(CHOSEN_CONTESTS.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(FINAL_VOTES)).toEqual(CHOSEN_CONTESTS.map((choice) => choice.race.id));
    for (const path of PATHS) {
      expect(parseCountFile(JSON.parse(readCommitted(path))), path).toMatchObject({ ok: true });
    }
  });

  it.each(PATHS)('%s: one unit, one release per daily release of the CSV, timed by its registrar release', (path) => {
    const file = parseCommittedCountFile(path);

    expect(file.releases).toHaveLength(RELEASE_DATES.length);
    file.releases.forEach((release, index) => {
      expect(release.units).toHaveLength(1);
      expect(release.asOf.slice(0, 10)).toBe(RELEASE_DATES[index]);
      expect(release.asOf.endsWith('-08:00')).toBe(true);
      expect(release.label).toMatch(
        new RegExp(`^daily release ${index + 1} \\(${RELEASE_DATES[index]}\\) = registrar release ${PINNED_REGISTRAR_RELEASES[index]}: `),
      );
    });
  });

  it.each(PATHS)('%s: ends at the CSV final votes with nothing outstanding; a range before that', (path) => {
    const file = parseCommittedCountFile(path);
    const last = file.releases[file.releases.length - 1].units[0];

    expect(last.counted).toEqual(FINAL_VOTES[file.race.id]);
    expect(last.outstanding).toEqual({ expected: 0 });
    expectRangesUntilTheLastRelease(file);
  });
});

describe('buildContestExamples (from ../shared/data/la-2022)', () => {
  it('reproduces the committed files exactly from the raw CSVs', () => {
    const examples = buildContestExamples(Object.freeze(readSources()));

    expect(examples.map((example) => example.path)).toEqual(PATHS);
    for (const { path, countFile } of examples) {
      expect(formatCountFile(countFile), path).toBe(readCommitted(path));
    }
  });

  it("the committed final counts are the CSV's cumulative votes at its last release", () => {
    const rows = parseCsvRecords(readSources().allContests);
    const lastIndex = String(RELEASE_DATES.length);
    for (const choice of CHOSEN_CONTESTS) {
      const finalRows = rows.filter((row) => row.contest_id === choice.contestId && row.release_index === lastIndex);
      const fromCsv = Object.fromEntries(
        finalRows.map((row) => [choice.candidates.find((c) => c.ballotName === row.candidate)?.id, Number(row.votes_cumulative)]),
      );
      expect(fromCsv, choice.race.id).toEqual(FINAL_VOTES[choice.race.id]);
    }
  });

  it('applied to the mayor, gives the mayor example its outstanding votes at the pinned releases', () => {
    const mayorChoice: ContestChoice = {
      contestId: MAYOR_CONTEST.contestId,
      contestName: MAYOR_CONTEST.contestName,
      race: { id: 'mayor-check', name: 'check', rule: { kind: 'plurality' } },
      unit: { id: 'los-angeles-city', name: 'City of Los Angeles' },
      candidates: [
        { ballotName: MAYOR_CONTEST.bassBallotName, id: 'bass', name: 'Karen Bass' },
        { ballotName: MAYOR_CONTEST.carusoBallotName, id: 'caruso', name: 'Rick Caruso' },
      ],
    };
    const general = parseCommittedCountFile('examples/la-mayor-2022-general.json');

    const [{ countFile }] = buildContestExamples(readSources(), [mayorChoice]);

    countFile.releases.forEach((release, index) => {
      const registrarRelease = general.releases[PINNED_REGISTRAR_RELEASES[index] - 1];
      expect(release.asOf).toBe(registrarRelease.asOf);
      expect(release.units[0].counted).toEqual(registrarRelease.units[0].counted);
      expect(release.units[0].outstanding).toEqual(registrarRelease.units[0].outstanding);
    });
  });
});

describe('pinDailyReleases', () => {
  const names = { bass: 'B', caruso: 'C' };
  const registrar: RegistrarRelease[] = [
    { sequence: 1, localTime: '2022-11-08T20:24:13', label: 'first', bassVotes: 10, carusoVotes: 9, countyBallots: 100 },
    { sequence: 2, localTime: '2022-11-08T23:00:00', label: 'second', bassVotes: 20, carusoVotes: 19, countyBallots: 200 },
    { sequence: 3, localTime: '2022-11-09T16:00:00', label: 'third', bassVotes: 30, carusoVotes: 25, countyBallots: 300 },
  ];
  const history = (days: [string, number, number][]): ContestHistory => ({
    contestId: 'm',
    contestName: 'Mayor',
    releases: days.map(([date, b, c], index) => ({ index: index + 1, date, votes: { B: b, C: c } })),
  });

  it('pins each daily release to the registrar release with the same mayor counts, not the last of its date', () => {
    expect(pinDailyReleases(history([['2022-11-08', 10, 9], ['2022-11-09', 30, 25]]), registrar, names)).toEqual([0, 2]);
  });

  it('rejects counts that match no registrar release, or one of another date', () => {
    expect(() => pinDailyReleases(history([['2022-11-08', 11, 9], ['2022-11-09', 30, 25]]), registrar, names)).toThrow(
      /match 0 registrar releases/,
    );
    expect(() => pinDailyReleases(history([['2022-11-09', 10, 9], ['2022-11-09', 30, 25]]), registrar, names)).toThrow(
      /dated 2022-11-09 but its counts are registrar release 1/,
    );
  });

  it('requires the last daily release to be the last (certified) registrar release', () => {
    expect(() => pinDailyReleases(history([['2022-11-08', 20, 19]]), registrar, names)).toThrow(/certified/);
  });
});

describe('contestOutstanding', () => {
  it('scales countywide outstanding ballots by the contest votes per county ballot, with the 0.30-1.30 range', () => {
    expect(contestOutstanding(1000, 380, 1000)).toEqual({ expected: 380, low: 114, high: 494 });
    expect(contestOutstanding(1_006_300, 263_780, 1_318_093)).toEqual({ expected: 201_383, low: 60_415, high: 261_798 });
  });
});
