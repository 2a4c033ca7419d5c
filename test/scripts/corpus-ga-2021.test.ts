import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CountFile, Release } from '../../core/schemas/index.ts';
import { formatCompactCountFile, type BuiltExample } from '../../scripts/examples/build.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import { FULTON_REGISTERED, LATE_VOTES, LATE_VOTES_AFTER_DEADLINE, PRIOR_TURNOUT } from '../../scripts/corpus/ga-2021/assumptions.ts';
import { buildGaCorpus, GA_CORPUS_DIRS, GA_SOURCE_FILES, type GaSourceTexts } from '../../scripts/corpus/ga-2021/build.ts';
import { countyOutstanding } from '../../scripts/corpus/ga-2021/county-outstanding.ts';
import type { CountyState, RaceSnapshot } from '../../scripts/corpus/ga-2021/county-states.ts';
import { countySlug, GA_RACES } from '../../scripts/corpus/ga-2021/races.ts';
import { registeredPerPrecinct, reportedRegistration } from '../../scripts/corpus/ga-2021/registration.ts';
import { keptSnapshots } from '../../scripts/corpus/ga-2021/thinning.ts';
import { expectedTurnout } from '../../scripts/corpus/ga-2021/turnout.ts';
import { splitByVoteType } from '../../scripts/corpus/ga-2021/vote-type-split.ts';
import { parseCommittedCountFile } from '../fixtures/count-files.ts';

const REPO_ROOT = new URL('../../', import.meta.url);
const DATA_DIR = new URL('../shared/data/ga-2021-runoff/', REPO_ROOT);

/** SOURCE.md, "final sum here": the 156 counties present at the last snapshot. */
const FINAL_SUMS: Record<string, Record<string, number>> = {
  'senate-perdue-ossoff': { perdue: 2_188_172, ossoff: 2_257_418 },
  'senate-loeffler-warnock': { loeffler: 2_169_056, warnock: 2_276_590 },
  'psc-district-4': { mcdonald: 2_207_860, blackman: 2_188_929 },
};

const PATHS = GA_RACES.flatMap((race) => [
  `${GA_CORPUS_DIRS.county}/${race.key}.json`,
  `${GA_CORPUS_DIRS.countyVoteType}/${race.key}.json`,
]);

/** The source texts; throws (fails the test) when ../shared is missing: these tests never skip. */
function readSources(): GaSourceTexts {
  if (!existsSync(DATA_DIR)) throw new Error(`missing ${DATA_DIR.pathname}: these tests need ../shared/data/ga-2021-runoff`);
  return Object.fromEntries(
    Object.entries(GA_SOURCE_FILES).map(([role, file]) => [role, readFileSync(new URL(file, DATA_DIR), 'utf8')]),
  ) as GaSourceTexts;
}

let fullBuild: BuiltExample[] | undefined;
function built(): BuiltExample[] {
  fullBuild ??= buildGaCorpus(Object.freeze(readSources()));
  return fullBuild;
}

function builtFile(path: string): CountFile {
  const found = built().find((example) => example.path === path);
  if (found === undefined) throw new Error(`the builder made no ${path}`);
  return found.countFile;
}

/** The sources with every snapshot at or after `cutoff` removed, as if the build ran at that time. */
function sourcesBefore(cutoff: string): GaSourceTexts {
  const keepBefore = (text: string) => {
    const [header, ...lines] = text.split('\n');
    return [header, ...lines.filter((line) => line !== '' && line.slice(0, 25) < cutoff)].join('\n') + '\n';
  };
  const sources = readSources();
  return { countyUpdates: keepBefore(sources.countyUpdates), snapshots: keepBefore(sources.snapshots) };
}

function sums(release: Release): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const unit of release.units) {
    for (const [id, votes] of Object.entries(unit.counted)) totals[id] = (totals[id] ?? 0) + votes;
  }
  return totals;
}

function lastRelease(file: CountFile): Release {
  return file.releases[file.releases.length - 1];
}

describe('GA 2021 runoff corpus (from ../shared/data/ga-2021-runoff)', () => {
  it('the data set is there (it is required, not optional)', () => {
    expect(existsSync(DATA_DIR)).toBe(true);
  });

  it('the committed files are exactly what the builder makes', () => {
    expect(built().map((example) => example.path)).toEqual(PATHS);
    for (const { path, countFile } of built()) {
      expect(formatCompactCountFile(countFile) === readFileSync(new URL(path, REPO_ROOT), 'utf8'), path).toBe(true);
    }
  });

  it('every committed file parses as a count file and is under 5 MB', () => {
    for (const path of PATHS) {
      expect(parseCommittedCountFile(path).releases.length, path).toBeGreaterThan(20);
      expect(statSync(new URL(path, REPO_ROOT)).size, path).toBeLessThan(5_000_000);
    }
  });

  it('each folder says where it comes from and that its estimates are derived', () => {
    for (const dir of Object.values(GA_CORPUS_DIRS)) {
      const corpus = JSON.parse(readFileSync(new URL(`${dir}/corpus.json`, REPO_ROOT), 'utf8'));
      // The by-type files are a variant of the same races, so the backtest reports them as a source of their own.
      expect(corpus).toMatchObject({ source: dir.replace('corpus/', ''), estimates: 'derived' });
      expect(corpus.description).toMatch(/156/);
    }
  });

  it.each(GA_RACES.map((race) => race.key))('%s: the final release has the 156 counties, SOURCE.md sums and nothing outstanding', (key) => {
    const county = builtFile(`${GA_CORPUS_DIRS.county}/${key}.json`);
    const byType = builtFile(`${GA_CORPUS_DIRS.countyVoteType}/${key}.json`);

    for (const file of [county, byType]) {
      const final = lastRelease(file);
      expect(final.units).toHaveLength(156);
      expect(sums(final)).toEqual(FINAL_SUMS[key]);
      expect(final.units.every((unit) => unit.outstanding.expected === 0)).toBe(true);
      expect(final.label).toMatch(/final.*Camden, Chattooga and Greene/);
    }
    expect(county.releases.map((release) => release.asOf)).toEqual(expect.arrayContaining(byType.releases.map((r) => r.asOf)));
  });

  it('has every county as a unit from the first release, with no votes and votes outstanding until it reports', () => {
    for (const race of GA_RACES) {
      const [first] = builtFile(`${GA_CORPUS_DIRS.county}/${race.key}.json`).releases;
      expect(first.units).toHaveLength(156);
      expect(first.label).toMatch(/: 37 counties reporting$/);
      const waiting = first.units.filter((unit) => Object.values(unit.counted).every((votes) => votes === 0));
      expect(waiting.length).toBeGreaterThanOrEqual(156 - 37);
      expect(waiting.every((unit) => unit.outstanding.expected > 0)).toBe(true);
    }
  });

  it('before the final, every county has a range, and the whole state has votes outstanding', () => {
    for (const path of PATHS) {
      for (const release of builtFile(path).releases.slice(0, -1)) {
        expect(release.units.every((unit) => unit.outstanding.low !== undefined && unit.outstanding.high !== undefined)).toBe(true);
        expect(release.units.reduce((sum, unit) => sum + unit.outstanding.expected, 0)).toBeGreaterThan(0);
      }
    }
  });

  it('the by-type files are the county files with each county split by its 4 vote types', () => {
    for (const race of GA_RACES) {
      const county = builtFile(`${GA_CORPUS_DIRS.county}/${race.key}.json`);
      const byAsOf = new Map(county.releases.map((release) => [release.asOf, release]));
      for (const release of builtFile(`${GA_CORPUS_DIRS.countyVoteType}/${race.key}.json`).releases) {
        const countyRelease = byAsOf.get(release.asOf);
        if (countyRelease === undefined) throw new Error(`${release.asOf} is not a county release`);
        expect(release.units.map(({ types: _, correction: __, ...unit }) => unit)).toEqual(
          countyRelease.units.map(({ correction: _, ...unit }) => unit),
        );
        // parseCountFile checks that the types add up to their unit.
        expect(release.units.every((unit) => Object.keys(unit.types ?? {}).length === 4)).toBe(true);
      }
    }
  });

  it('estimates never read a later count: built with the snapshots from a cutoff on removed, earlier releases are unchanged', () => {
    for (const cutoff of ['2021-01-06T04:00:00+00:00', '2021-01-09T00:00:00+00:00']) {
      const truncated = buildGaCorpus(sourcesBefore(cutoff));
      for (const { path, countFile } of truncated) {
        const full = new Map(builtFile(path).releases.map((release) => [release.asOf, release]));
        const earlier = countFile.releases.slice(0, -1);
        expect(earlier.length, `${path} before ${cutoff}`).toBeGreaterThan(path.includes('by-type') ? 10 : 12);
        for (const release of earlier) {
          const fullRelease = full.get(release.asOf);
          expect(fullRelease, `${path} at ${release.asOf}`).toBeDefined();
          const outstanding = (r: Release) => r.units.map((unit) => [unit.id, unit.outstanding]);
          expect(outstanding(release), `${path} at ${release.asOf}`).toEqual(outstanding(fullRelease as Release));
        }
        // The truncated build's last release is its own final: nothing outstanding, unlike the full build.
        expect(lastRelease(countFile).units.every((unit) => unit.outstanding.expected === 0)).toBe(true);
      }
    }
  });

  it('marks corrections exactly where count_decreases.csv has county-level drops', () => {
    const decreases = parseCsvRecords(readFileSync(new URL('count_decreases.csv', DATA_DIR), 'utf8')).filter(
      (row) => row.level === 'county',
    );
    expect(decreases.length).toBe(15);
    for (const race of GA_RACES) {
      const expectedCounty = new Set(
        decreases.filter((row) => row.race === race.key).map((row) => `${row.snapshot_utc} ${countySlug(row.county)}`),
      );
      const county = builtFile(`${GA_CORPUS_DIRS.county}/${race.key}.json`);
      expect(correctedUnits(county)).toEqual([...expectedCounty].sort());

      // Thinned: a drop is marked at the first kept release at or after it.
      const byType = builtFile(`${GA_CORPUS_DIRS.countyVoteType}/${race.key}.json`);
      const keptAt = (asOf: string) => byType.releases.find((release) => release.asOf >= asOf)?.asOf;
      const expectedTypes = new Set(
        decreases
          .filter((row) => row.race === race.key)
          .map((row) => `${keptAt(row.snapshot_utc)} ${countySlug(row.county)}`),
      );
      expect(correctedUnits(byType)).toEqual([...expectedTypes].sort());
    }
  });

  it("uses Fulton's Jan 14 registered voters, which is what the data show from 2021-01-14T13:08:38Z", () => {
    const rows = parseCsvRecords(readSources().countyUpdates).filter(
      (row) => row.county === 'Fulton' && row.snapshot_utc === '2021-01-14T13:08:38+00:00',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => Number(row.registered_voters) === FULTON_REGISTERED)).toBe(true);
  });
});

function correctedUnits(file: CountFile): string[] {
  return file.releases
    .flatMap((release) => release.units.filter((unit) => unit.correction === true).map((unit) => `${release.asOf} ${unit.id}`))
    .sort();
}

/** A county in one race, with only the fields a test changes given. */
function county(fields: Partial<CountyState> & { votes?: CountyState['votes'] }): CountyState {
  const none = { a: 0, b: 0 };
  return {
    county: 'Test',
    precincts: 4,
    precinctsCode4: 0,
    registered: 4000,
    ballotsCast: 1000,
    votes: { election_day: none, advance: { a: 600, b: 400 }, absentee_mail: none, provisional: none },
    ...fields,
  };
}

describe('the derived estimate, piece by piece', () => {
  it('expects the prior turnout when no county is complete, and moves toward complete counties by weight', () => {
    expect(expectedTurnout([])).toBe(PRIOR_TURNOUT);
    expect(expectedTurnout([county({})])).toBe(PRIOR_TURNOUT);
    const complete = county({ precinctsCode4: 4, registered: 300_000, ballotsCast: 240_000, votes: {
      election_day: { a: 120_000, b: 120_000 }, advance: { a: 0, b: 0 }, absentee_mail: { a: 0, b: 0 }, provisional: { a: 0, b: 0 },
    } });
    // (240,000 + 0.5 × 300,000) ÷ (300,000 + 300,000)
    expect(expectedTurnout([complete])).toBeCloseTo(0.65, 12);
  });

  it('gives a county still counting registered × turnout − counted, with the turnout range; a complete one late votes only', () => {
    const counting = county({});
    const night = '2021-01-06T03:00:00Z';
    expect(countyOutstanding(counting, { registered: 4000, reported: true }, 0.5, night)).toEqual({ expected: 1000, low: 400, high: 1600 });
    const done = county({ precinctsCode4: 4 });
    expect(countyOutstanding(done, { registered: 4000, reported: true }, 0.5, night)).toEqual({
      expected: 1000 * LATE_VOTES.expected,
      low: Math.round(1000 * LATE_VOTES.low),
      high: 1000 * LATE_VOTES.high,
    });
    // Counted beyond the expectation: still some late votes, never a negative estimate.
    expect(countyOutstanding(counting, { registered: 1000, reported: true }, 0.5, night).expected).toBe(10);
    // After the law's deadline for late ballots, a tenth as many.
    expect(countyOutstanding(done, { registered: 4000, reported: true }, 0.5, '2021-01-10T00:00:00Z')).toEqual({
      expected: 1000 * LATE_VOTES_AFTER_DEADLINE.expected,
      low: Math.round(1000 * LATE_VOTES_AFTER_DEADLINE.low),
      high: 1000 * LATE_VOTES_AFTER_DEADLINE.high,
    });
  });

  it("takes Fulton's Jan 14 registration, and no registration where the report gives 0 or fewer voters than ballots", () => {
    expect(reportedRegistration(county({ county: 'Fulton', registered: 820_892 }))).toBe(FULTON_REGISTERED);
    expect(reportedRegistration(county({ county: 'Cobb', registered: 0 }))).toBeUndefined();
    expect(reportedRegistration(county({ registered: 900, ballotsCast: 1000 }))).toBeUndefined();
    expect(reportedRegistration(county({}))).toBe(4000);
  });

  it('estimates registered voters per precinct from the counties closest in precinct count', () => {
    const small = Array.from({ length: 8 }, () => ({ precincts: 10, registered: 20_000 }));
    const reported = [...small, { precincts: 1000, registered: 10_000_000 }];
    // The 8 closest to 12 precincts are the small counties; the big one is left out.
    expect(registeredPerPrecinct(reported, 12)).toBe(2000);
    // Closest to 900: the big county and 7 small ones.
    expect(registeredPerPrecinct(reported, 900)).toBeCloseTo(10_140_000 / 1070, 9);
    expect(registeredPerPrecinct([], 12)).toBe(0);
  });

  it('splits a county by vote type in proportion to each gap, summing exactly to the county', () => {
    const shares = { election_day: 0.4, advance: 0.3, absentee_mail: 0.28, provisional: 0.02 };
    const split = splitByVoteType(county({}), { expected: 1000, low: 400, high: 1600 }, 2000, shares);
    // Gaps: election day 800, advance 0 (600 + 400 counted > 600 expected), mail 560, provisional 40.
    expect(split.advance).toEqual({ expected: 0, low: 0, high: 0 });
    expect(split.election_day.expected + split.absentee_mail.expected + split.provisional.expected).toBe(1000);
    expect(split.election_day).toEqual({ expected: 571, low: 228, high: 915 });
    for (const part of Object.values(split)) {
      expect(part.low).toBeLessThanOrEqual(part.expected);
      expect(part.high).toBeGreaterThanOrEqual(part.expected);
    }
  });

  it('thins to every snapshot of the first 6 hours, then the last of each Eastern day', () => {
    const at = (asOf: string): RaceSnapshot => ({ asOf, counties: [] });
    const snapshots = ['2021-01-06T01:00:00Z', '2021-01-06T05:59:00Z', '2021-01-06T07:00:00Z', '2021-01-07T04:59:00Z',
      '2021-01-07T05:01:00Z', '2021-01-07T20:00:00Z'].map(at);
    expect(keptSnapshots(snapshots)).toEqual([0, 1, 3, 5]);
  });
});
