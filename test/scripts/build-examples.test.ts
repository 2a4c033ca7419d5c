import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { buildExamples, formatCountFile, SOURCE_FILES, type SourceTexts } from '../../scripts/examples/build.ts';
import { expectRangesUntilTheLastRelease, parseCommittedCountFile } from '../fixtures/count-files.ts';
import { sharedDataDir } from '../fixtures/shared-data.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import { apportion } from '../../scripts/examples/numbers.ts';
import { parseEstimatesCsv } from '../../scripts/examples/outstanding.ts';
import { pacificIso } from '../../scripts/examples/pacific-time.ts';
import { reconstructCounts } from '../../scripts/examples/primary-counts.ts';

const REPO_ROOT = new URL('../../', import.meta.url);
const DATA_DIR = sharedDataDir('la-2022');
const GENERAL_PATH = 'examples/la-mayor-2022-general.json';
const PRIMARY_PATH = 'examples/la-mayor-2022-primary.json';

/** Certified June 2022 primary (LA County RR/CC, election 4269). */
const PRIMARY_CERTIFIED = {
  bass: 278511,
  caruso: 232490,
  'de-leon': 50372,
  viola: 44341,
  feuer: 12087,
  kim: 9405,
  'gruenenfelder-smith': 6153,
  buscaino: 4485,
  greiwe: 2439,
  wilson: 2336,
  varma: 1916,
  jackson: 1511,
};

function readCommitted(path: string): string {
  return readFileSync(new URL(path, REPO_ROOT), 'utf8');
}

function lastUnit(file: CountFile) {
  return file.releases[file.releases.length - 1].units[0];
}

describe('committed example count files', () => {
  it('both parse as count files', () => {
    for (const path of [GENERAL_PATH, PRIMARY_PATH]) {
      expect(parseCountFile(JSON.parse(readCommitted(path)))).toMatchObject({ ok: true });
    }
  });

  it('general: 27 releases ending at the certified result with nothing outstanding', () => {
    const general = parseCommittedCountFile(GENERAL_PATH);

    expect(general.race.rule).toEqual({ kind: 'plurality' });
    expect(general.releases).toHaveLength(27);
    expect(lastUnit(general).counted).toEqual({ bass: 509944, caruso: 420030 });
    expect(lastUnit(general).outstanding).toEqual({ expected: 0 });
  });

  it('general: every release before certification has votes outstanding, with a range around them', () => {
    const general = parseCommittedCountFile(GENERAL_PATH);

    expectRangesUntilTheLastRelease(general);
  });

  it('primary: 12 candidates, majority rule, ending at the certified counts', () => {
    const primary = parseCommittedCountFile(PRIMARY_PATH);

    expect(primary.race.candidates).toHaveLength(12);
    expect(primary.race.rule).toEqual({ kind: 'majority', threshold: 0.5 });
    expect(lastUnit(primary).counted).toEqual(PRIMARY_CERTIFIED);
    expect(lastUnit(primary).outstanding).toEqual({ expected: 0 });
  });
});

describe('buildExamples', () => {
  
  it('reproduces the committed files exactly from the raw CSVs', () => {
    const sources = Object.fromEntries(
      Object.entries(SOURCE_FILES).map(([role, file]) => [role, readFileSync(new URL(file, DATA_DIR), 'utf8')]),
    ) as SourceTexts;

    const examples = buildExamples(Object.freeze(sources));

    expect(examples.map((example) => example.path)).toEqual([GENERAL_PATH, PRIMARY_PATH]);
    for (const { path, countFile } of examples) {
      expect(formatCountFile(countFile)).toBe(readCommitted(path));
    }
  });
});

describe('parseCsvRecords (csv-parse)', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF line ends, and skips blank lines', () => {
    const text = 'candidate,votes,note\r\n"JOHN ""JSAMUEL"" JACKSON",1511,"a, b"\r\n\r\nGINA VIOLA,44341,\r\n';

    expect(parseCsvRecords(text)).toEqual([
      { candidate: 'JOHN "JSAMUEL" JACKSON', votes: '1511', note: 'a, b' },
      { candidate: 'GINA VIOLA', votes: '44341', note: '' },
    ]);
  });

  it('rejects a row with the wrong number of fields, naming its line', () => {
    expect(() => parseCsvRecords('total,notes\n1,a,b\n')).toThrow(/line 2/);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsvRecords('a,b\n"open,1\n')).toThrow(/Quote Not Closed/i);
  });
});

describe('parseEstimatesCsv', () => {
  it("joins an unquoted comma's surplus field back into notes, and still rejects a row short of fields", () => {
    const text = "total,notes,url\n15105,Wikipedia: '15,105 ballots',https://x\n";

    expect(parseEstimatesCsv(text)).toEqual([{ total: '15105', notes: "Wikipedia: '15,105 ballots'", url: 'https://x' }]);
    expect(() => parseEstimatesCsv('total,notes,url\n1,2\n')).toThrow(/row 2: expected 3 fields, got 2/);
  });
});

describe('pacificIso', () => {
  it('uses -07:00 in daylight time and -08:00 after 02:00 on the first Sunday of November', () => {
    expect(pacificIso('2022-06-07T20:30:00')).toBe('2022-06-07T20:30:00-07:00');
    expect(pacificIso('2022-11-06T01:59:59')).toBe('2022-11-06T01:59:59-07:00');
    expect(pacificIso('2022-11-06T02:00:00')).toBe('2022-11-06T02:00:00-08:00');
    expect(pacificIso('2022-11-08T20:24:13')).toBe('2022-11-08T20:24:13-08:00');
    expect(pacificIso('2022-03-13T03:00:00')).toBe('2022-03-13T03:00:00-07:00');
  });
});

describe('apportion', () => {
  it('splits a whole number exactly, in proportion, largest remainders first', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [3, 1])).toEqual([75, 25]);
  });
});

describe('reconstructCounts', () => {
  const ids = ['a', 'b', 'c', 'd'];
  const final = { a: 500, b: 300, c: 150, d: 50 };

  it('gives candidates the source leaves out the growth in proportion to what they still had to gain', () => {
    const previous = { a: 100, b: 100, c: 50, d: 30 };

    const counts = reconstructCounts(ids, { counts: { a: 250 }, percents: { b: 30 } }, 600, previous, final);

    // b = 30% of 600 = 180; c and d grow by 600 - 250 - 180 - 80 = 90, split 100 : 20 (final - previous).
    expect(counts).toEqual({ a: 250, b: 180, c: 125, d: 45 });
  });

  it('holds left-out candidates at their previous counts when the rest of the total would shrink', () => {
    const previous = { a: 100, b: 100, c: 50, d: 30 };

    const counts = reconstructCounts(ids, { counts: { a: 250 }, percents: { b: 40 } }, 500, previous, final);

    expect(counts).toEqual({ a: 250, b: 200, c: 50, d: 30 });
  });

  it('never lets a count fall below the previous release', () => {
    const previous = { a: 200, b: 100, c: 50, d: 30 };

    const counts = reconstructCounts(ids, { counts: {}, percents: { a: 30, b: 30 } }, 600, previous, final);

    expect(counts.a).toBe(200); // 30% of 600 = 180 would fall; held at 200
    expect(counts.b).toBe(180);
    expect(counts.c + counts.d).toBe(600 - 180 - 180); // the rest of the total, split by what is still to gain
    expect(counts.c).toBe(50 + 133);
    expect(counts.d).toBe(30 + 27);
  });
});
