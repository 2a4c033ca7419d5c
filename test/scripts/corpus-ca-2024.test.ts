import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { formatCompactCountFile, type BuiltExample } from '../../scripts/examples/build.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import { buildCaCorpus, CORPUS_DIRS, type CorpusSourceTexts } from '../../scripts/corpus/ca-2024/build.ts';
import { slugify } from '../../scripts/corpus/ca-2024/slugs.ts';
import { buildCorpus, built, builtFile, DATA_DIR, lastRelease, REPO_ROOT, sources } from './ca-2024-corpus.ts';

// The committed corpus against what the builder makes; the builder's parts are tested in
// corpus-ca-2024-parts.test.ts.

const FINAL_SNAPSHOT = '2024-04-04T23:37:14+00:00';

function committedText(path: string): string {
  return readFileSync(new URL(path, REPO_ROOT), 'utf8');
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

beforeAll(buildCorpus);

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
