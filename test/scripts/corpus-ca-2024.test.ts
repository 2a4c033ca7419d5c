import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { formatCompactCountFile, type BuiltExample } from '../../scripts/examples/build.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import {
  buildCaCorpus,
  CORPUS_DIRS,
  CORPUS_SOURCE_FILES,
  POLLS_CLOSED,
  type CorpusSourceTexts,
} from '../../scripts/corpus/ca-2024/build.ts';
import { planCandidates } from '../../scripts/corpus/ca-2024/candidates.ts';
import { hoursBetween, readLaCountCurve, shareCountedAt } from '../../scripts/corpus/ca-2024/count-curve.ts';
import { curveOutstanding, derivedOutstanding } from '../../scripts/corpus/ca-2024/derived-outstanding.ts';
import { oracleFactor, oracleOutstanding } from '../../scripts/corpus/ca-2024/oracle-outstanding.ts';
import { slugify, uniqueSlugs } from '../../scripts/corpus/ca-2024/slugs.ts';
import { thinningBucket } from '../../scripts/corpus/ca-2024/thinning.ts';

const REPO_ROOT = new URL('../../', import.meta.url);
const DATA_DIR = new URL('../shared/data/', REPO_ROOT);
const FINAL_SNAPSHOT = '2024-04-04T23:37:14+00:00';

let sources: CorpusSourceTexts;
let built: BuiltExample[];

/** Reads the raw CSVs; throws (failing every test) when ../shared/data is missing, never skips. */
function readSources(): CorpusSourceTexts {
  if (!existsSync(DATA_DIR)) throw new Error(`the corpus tests need ${DATA_DIR.pathname}; it is missing`);
  return Object.fromEntries(
    Object.entries(CORPUS_SOURCE_FILES).map(([role, file]) => [role, readFileSync(new URL(file, DATA_DIR), 'utf8')]),
  ) as CorpusSourceTexts;
}

function committedText(path: string): string {
  return readFileSync(new URL(path, REPO_ROOT), 'utf8');
}

function builtFile(variant: keyof typeof CORPUS_DIRS, contestId: string): CountFile {
  const found = built.find((example) => example.path === `${CORPUS_DIRS[variant]}/${contestId}.json`);
  if (found === undefined) throw new Error(`no built file for ${variant} ${contestId}`);
  return found.countFile;
}

function lastRelease(file: CountFile) {
  return file.releases[file.releases.length - 1];
}

/** Votes for each candidate id summed over the units of a release. */
function raceTotals(release: CountFile['releases'][number]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const unit of release.units) {
    for (const [id, votes] of Object.entries(unit.counted)) totals[id] = (totals[id] ?? 0) + votes;
  }
  return totals;
}

/** county_updates.csv without the rows after `cutoff` (an ISO time): the data as it stood then. */
function sourcesUpTo(cutoff: string, options: { includeCutoff: boolean }): CorpusSourceTexts {
  const lines = sources.countyUpdates.split('\n');
  const kept = lines.filter((line, index) => {
    if (index === 0 || line === '') return true;
    const snapshot = line.slice(0, line.indexOf(','));
    return options.includeCutoff ? Date.parse(snapshot) <= Date.parse(cutoff) : Date.parse(snapshot) < Date.parse(cutoff);
  });
  return { ...sources, countyUpdates: kept.join('\n') };
}

/** Outstanding estimates of every release of every derived file, keyed by file, time and unit. */
function derivedEstimates(examples: readonly BuiltExample[]): Map<string, string> {
  const estimates = new Map<string, string>();
  for (const { path, countFile } of examples) {
    if (!path.startsWith(`${CORPUS_DIRS.derived}/`)) continue;
    for (const release of countFile.releases) {
      for (const unit of release.units) {
        estimates.set(`${path}|${release.asOf}|${unit.id}`, JSON.stringify(unit.outstanding));
      }
    }
  }
  return estimates;
}

beforeAll(() => {
  sources = readSources();
  built = buildCaCorpus(sources);
});

describe('the committed CA 2024 primary corpus', () => {
  it('is exactly what the builder makes from ../shared/data, with nothing else but corpus.json and README.md', () => {
    for (const dir of Object.values(CORPUS_DIRS)) {
      const expected = built.filter((example) => example.path.startsWith(`${dir}/`)).map((example) => example.path.slice(dir.length + 1));
      expect(readdirSync(new URL(`${dir}/`, REPO_ROOT)).sort()).toEqual([...expected, 'README.md', 'corpus.json'].sort());
    }
    for (const { path, countFile } of built) expect(committedText(path) === formatCompactCountFile(countFile), path).toBe(true);
  });

  it('has a corpus.json per variant naming its source and kind of estimate', () => {
    expect(JSON.parse(committedText(`${CORPUS_DIRS.derived}/corpus.json`))).toMatchObject({ source: 'ca-2024-primary', estimates: 'derived' });
    expect(JSON.parse(committedText(`${CORPUS_DIRS.oracle}/corpus.json`))).toMatchObject({ source: 'ca-2024-primary', estimates: 'oracle' });
  });

  it('has one file per contest with at least two candidates (152 of 161), each a valid count file', () => {
    const contests = parseCsvRecords(committedContestsCsv());
    const contested = contests.filter((contest) => Number(contest.n_candidates) >= 2).map((contest) => contest.contest_id);
    expect(contests).toHaveLength(161);
    expect(contested).toHaveLength(152);
    for (const variant of ['derived', 'oracle'] as const) {
      const ids = built.filter((example) => example.path.startsWith(`${CORPUS_DIRS[variant]}/`)).map((example) => example.countFile.race.id);
      expect(ids.sort()).toEqual([...contested].sort());
    }
    for (const { path } of built) {
      const result = parseCountFile(JSON.parse(committedText(path)));
      expect(result.ok ? [] : result.errors, path).toEqual([]);
    }
  });

  it("ends every contest at contests.csv's final votes, minor candidates summed into other", () => {
    for (const contest of parseCsvRecords(committedContestsCsv()).filter((row) => Number(row.n_candidates) >= 2)) {
      for (const variant of ['derived', 'oracle'] as const) {
        const file = builtFile(variant, contest.contest_id);
        const idByName = new Map(file.race.candidates.map((candidate) => [candidate.name, candidate.id]));
        const expected: Record<string, number> = {};
        for (const { name, votes } of finalVotesByCandidate(contest.final_votes_by_candidate)) {
          const id = idByName.get(name) ?? 'other';
          expected[id] = (expected[id] ?? 0) + votes;
        }
        expect(raceTotals(lastRelease(file)), `${variant} ${contest.contest_id}`).toEqual(expected);
        expect(lastRelease(file).units.every((unit) => unit.outstanding.expected === 0)).toBe(true);
      }
    }
  });

  it('has CA-16 end in the tie for second: Low and Simitian 30,249 each, Liccardo first with 38,489', () => {
    const totals = raceTotals(lastRelease(builtFile('derived', 'us-rep-district-16')));
    expect(totals).toMatchObject({ 'sam-liccardo': 38489, 'evan-low': 30249, 'joe-simitian': 30249 });
    expect(builtFile('derived', 'us-rep-district-16').race.rule).toEqual({ kind: 'top-two' });
  });

  it('marks a correction exactly where count_decreases.csv lists a county drop since the previous release', () => {
    const decreases = parseCsvRecords(sources.countDecreases).filter((row) => row.level === 'unit');
    for (const { countFile } of built) {
      const releases = countFile.releases;
      releases.forEach((release, index) => {
        for (const unit of release.units) {
          const listed =
            index > 0 &&
            decreases.some(
              (row) =>
                row.contest_id === countFile.race.id &&
                slugify(row.unit) === unit.id &&
                Date.parse(row.snapshot_utc) > Date.parse(releases[index - 1].asOf) &&
                Date.parse(row.snapshot_utc) <= Date.parse(release.asOf),
            );
          expect(unit.correction === true, `${countFile.race.id} ${release.asOf} ${unit.id}`).toBe(listed);
        }
      });
    }
    // The cases SOURCE.md names: Shasta's election-night reset and Santa Cruz's Schiff error.
    const shasta = builtFile('derived', 'us-senate').releases.find((release) => release.asOf >= '2024-03-06T07:34:51');
    expect(shasta?.units.find((unit) => unit.id === 'shasta')?.correction).toBe(true);
    const santaCruz = builtFile('oracle', 'us-senate-unexpired-term').releases.find((release) => release.asOf >= '2024-03-09T01:15');
    expect(santaCruz?.units.find((unit) => unit.id === 'santa-cruz')?.correction).toBe(true);
  });

  it('lumps candidates under 1% into other only in contests with more than 6, never a final top-3', () => {
    const senate = builtFile('derived', 'us-senate');
    expect(senate.race.candidates.map((candidate) => candidate.id)).toEqual([
      'barbara-lee', 'katie-porter', 'adam-b-schiff', 'james-bradley', 'eric-early', 'steve-garvey', 'other',
    ]);
    const prop1 = builtFile('derived', 'prop-1');
    expect(prop1.race.candidates).toEqual([{ id: 'yes', name: 'Yes' }, { id: 'no', name: 'No' }]);
  });
});

describe('derived estimates never read the final count', () => {
  it.each([
    ['the final snapshot removed', FINAL_SNAPSHOT, false],
    ['everything after 2024-03-08T00:00Z removed', '2024-03-08T00:00:00+00:00', true],
  ])('with %s, every earlier release keeps its estimates', (_, cutoff, includeCutoff) => {
    const truncated = buildCaCorpus(sourcesUpTo(cutoff, { includeCutoff }));
    const before = derivedEstimates(built);
    const after = derivedEstimates(truncated);
    let compared = 0;
    for (const [key, estimate] of after) {
      if (!before.has(key)) continue; // a thinning bucket cut short keeps another snapshot
      expect(estimate, key).toBe(before.get(key));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(3_000);
    // The oracle does read it, so the same cut changes it: the check above can fail.
    const oracleBefore = builtFile('oracle', 'us-senate').releases[0].units;
    const oracleAfter = truncated.find((example) => example.path === `${CORPUS_DIRS.oracle}/us-senate.json`)?.countFile.releases[0].units;
    expect(oracleAfter).not.toEqual(oracleBefore);
  });
});

describe('oracle estimates', () => {
  it('are the true remainder times one factor per county that persists through the count', () => {
    const file = builtFile('oracle', 'us-senate');
    const finalLa = lastRelease(file).units.find((unit) => unit.id === 'los-angeles');
    const factor = oracleFactor('us-senate', 'los-angeles');
    const total = (counted: Record<string, number>) => Object.values(counted).reduce((sum, votes) => sum + votes, 0);
    for (const release of file.releases) {
      const la = release.units.find((unit) => unit.id === 'los-angeles');
      if (la === undefined || finalLa === undefined) throw new Error('no Los Angeles unit');
      expect(la.outstanding).toEqual(oracleOutstanding(total(finalLa.counted) - total(la.counted), factor));
    }
  });

  it('draws reproducible factors that differ by county and contest, biased low', () => {
    const factors = ['alameda', 'fresno', 'kern', 'los-angeles', 'orange', 'san-diego', 'shasta', 'yolo'].flatMap((county) =>
      ['us-senate', 'prop-1'].map((contest) => oracleFactor(contest, county)),
    );
    expect(oracleFactor('us-senate', 'kern')).toBe(oracleFactor('us-senate', 'kern'));
    expect(new Set(factors).size).toBe(factors.length);
    const sorted = [...factors].sort((a, b) => a - b);
    expect(sorted[sorted.length / 2]).toBeLessThan(1);
  });

  it('states a range of 0.85 to 1.18 times the estimate, and nothing for nothing left', () => {
    expect(oracleOutstanding(1000, 0.75)).toEqual({ expected: 750, low: 636, high: 885 });
    expect(oracleOutstanding(-5, 0.75)).toEqual({ expected: 0 });
  });
});

describe('derived estimate parts', () => {
  const curve = [
    { hoursSinceClose: 1, shareCounted: 0.4 },
    { hoursSinceClose: 3, shareCounted: 1 },
  ];

  it('interpolates the count curve in time, flat before its first point and 1 after its last', () => {
    expect(shareCountedAt(curve, 2)).toBeCloseTo(0.7, 12);
    expect(shareCountedAt(curve, 0.2)).toBe(0.4);
    expect(shareCountedAt(curve, 10)).toBe(1);
  });

  it('reads a county final as counted ÷ share, with a range of ÷3 to ×3', () => {
    expect(curveOutstanding(540, 0.54)).toEqual({ expected: 460, low: 153, high: 1380 });
    expect(curveOutstanding(540, 1)).toEqual({ expected: 0 });
  });

  it('sizes a county with nothing counted by its precincts, with a wider range', () => {
    const [reporting, silent] = derivedOutstanding(
      [
        { countedVotes: 500, precinctsTotal: 10, hoursSinceChange: 1 },
        { countedVotes: 0, precinctsTotal: 4, hoursSinceChange: 1 },
      ],
      0.5,
    );
    expect(reporting).toEqual({ expected: 500, low: 166, high: 1500 });
    // 1000 expected final votes over 10 precincts, times 4 precincts, all outstanding.
    expect(silent).toEqual({ expected: 400, low: 80, high: 2000 });
  });

  it("gives Los Angeles at its first drop (0.9 h after polls closed) LA 2022's share at that hour, about 40%", () => {
    const laCurve = readLaCountCurve(parseCsvRecords(sources.laGeneralUpdates));
    const release = builtFile('derived', 'us-senate').releases[0];
    const losAngeles = release.units.find((unit) => unit.id === 'los-angeles');
    const counted = Object.values(losAngeles?.counted ?? {}).reduce((sum, votes) => sum + votes, 0);
    const share = shareCountedAt(laCurve, hoursBetween(POLLS_CLOSED, release.asOf));

    expect(release.asOf).toBe('2024-03-06T04:54:45+00:00');
    expect(share).toBeCloseTo(0.399, 3);
    expect(losAngeles?.outstanding).toEqual(curveOutstanding(counted, share));
  });

  it('takes a county with no change for a week as done', () => {
    const units = [
      { countedVotes: 500, precinctsTotal: 10, hoursSinceChange: 167.9 },
      { countedVotes: 500, precinctsTotal: 10, hoursSinceChange: 168 },
    ];
    expect(derivedOutstanding(units, 0.9).map((outstanding) => outstanding.expected)).toEqual([56, 0]);
  });

  it('thins to one release per hour for 24 hours, one per day after', () => {
    expect([0.1, 0.9, 1.2, 23.9, 24.1, 47.9, 48].map(thinningBucket)).toEqual([
      'hour 0', 'hour 0', 'hour 1', 'hour 23', 'day 1', 'day 1', 'day 2',
    ]);
  });
});

describe('candidate ids and lumping', () => {
  it('slugs names without accents or quotes, unique, never other', () => {
    expect(slugify('Sasha Renée Pérez')).toBe('sasha-renee-perez');
    expect(slugify('Jose "Joey" Acuña Jr.')).toBe('jose-joey-acuna-jr');
    expect(uniqueSlugs(['A B', 'a-b', 'Other'], ['other'])).toEqual(['a-b', 'a-b-2', 'other-2']);
  });

  it('lumps two or more sub-1% candidates outside the top 3, only with more than 6 candidates', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name, party: '' }));
    const plan = planCandidates(names, [5, 1000, 900, 800, 5, 5, 300]);
    expect(plan.candidates.map((candidate) => candidate.id)).toEqual(['b', 'c', 'd', 'g', 'other']);
    expect(plan.idOfSource).toEqual(['other', 'b', 'c', 'd', 'other', 'other', 'g']);
    expect(planCandidates(names.slice(0, 6), [5, 1000, 900, 800, 5, 5]).candidates).toHaveLength(6);
    expect(planCandidates(names, [5, 1000, 900, 800, 300, 300, 300]).candidates).toHaveLength(7);
  });
});

function committedContestsCsv(): string {
  return readFileSync(new URL('ca-2024-primary/contests.csv', DATA_DIR), 'utf8');
}

/** Parses contests.csv's `final_votes_by_candidate`: "Name (Party) 123; ..." ("(-)" when no party). */
function finalVotesByCandidate(text: string): { name: string; votes: number }[] {
  return text.split('; ').map((part) => {
    const match = /^(.*) \([^()]*\) (\d+)$/.exec(part);
    if (match === null) throw new Error(`contests.csv: cannot read "${part}"`);
    return { name: match[1], votes: Number(match[2]) };
  });
}
