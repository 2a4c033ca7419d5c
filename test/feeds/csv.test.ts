import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../feeds/feed-error.ts';
import { importFeed, snapshotsInFile } from '../../feeds/import-feed.ts';
import type { FeedSnapshot } from '../../feeds/recorded-snapshot.ts';
import { countFileOf, fixturePaths, unitOf } from './feed-fixtures.ts';

const [EARLY, LATE] = fixturePaths('csv');
const sheet = (path: string): FeedSnapshot[] => snapshotsInFile('csv', readFileSync(path, 'utf8'), path);
const HEADER = 'snapshot_time,race_id,race_name,unit_id,unit_name,candidate_id,candidate_name,votes,outstanding_expected,outstanding_low,outstanding_high';

/** The FeedError a CSV body throws. */
function csvError(body: string): FeedError {
  try {
    importFeed('csv', [{ source: 'sheet.csv', body }]);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('expected a FeedError');
}

describe('CSV import', () => {
  it('makes one count file per race_id; a race that first appears at a later snapshot time starts then', () => {
    const { countFiles } = importFeed('csv', [...sheet(EARLY), ...sheet(LATE)]);

    expect(countFiles.map((file) => file.race.id)).toEqual(['mayor', 'measure-a']);
    expect(countFileOf(countFiles, 'mayor').releases.map((release) => release.asOf)).toEqual([
      '2022-11-08T20:30:00-08:00',
      '2022-11-08T21:30:00-08:00',
      '2022-11-08T22:30:00-08:00',
      '2022-11-08T23:30:00-08:00',
    ]);
    expect(countFileOf(countFiles, 'measure-a').releases.map((release) => release.asOf)).toEqual(['2022-11-08T21:30:00-08:00']);
    expect(countFileOf(countFiles, 'measure-a').race).toEqual({
      id: 'measure-a',
      name: 'Measure A',
      rule: { kind: 'plurality' },
      candidates: [
        { id: 'yes', name: 'Yes' },
        { id: 'no', name: 'No' },
      ],
    });
  });

  it('reads vote_type rows as ballot types with their own estimates, summed into the unit', () => {
    const first = countFileOf(importFeed('csv', sheet(EARLY)).countFiles, 'mayor').releases[0];
    const district1 = unitOf(first, 'd1');

    expect(district1).toEqual({
      id: 'd1',
      name: 'District 1',
      counted: { lee: 1500, kim: 1450 },
      outstanding: { expected: 4500, low: 2800, high: 7000 },
      types: {
        mail: { counted: { lee: 1200, kim: 1000 }, outstanding: { expected: 3000, low: 2000, high: 4500 } },
        in_person: { counted: { lee: 300, kim: 450 }, outstanding: { expected: 1500, low: 800, high: 2500 } },
      },
    });
  });

  it('keeps the last counts of a unit a snapshot leaves out, and marks swapped counts and their correction', () => {
    const releases = countFileOf(importFeed('csv', [...sheet(EARLY), ...sheet(LATE)]).countFiles, 'mayor').releases;

    expect(unitOf(releases[2], 'd2')).toEqual(unitOf(releases[1], 'd2'));
    expect(releases.map((release) => unitOf(release, 'd1').types?.mail.counted)).toEqual([
      { lee: 1200, kim: 1000 },
      { lee: 1900, kim: 1600 },
      { lee: 1600, kim: 2400 },
      { lee: 2450, kim: 1700 },
    ]);
    expect(releases.map((release) => unitOf(release, 'd1').correction === true)).toEqual([false, false, true, true]);
  });

  it('drops the snapshots of a stale sheet given after a newer one, and makes one release of a sheet given twice', () => {
    const both = importFeed('csv', [...sheet(EARLY), ...sheet(LATE)]);

    const withStale = importFeed('csv', [...sheet(EARLY), ...sheet(LATE), ...sheet(EARLY)]);
    const twice = importFeed('csv', [...sheet(EARLY), ...sheet(EARLY)]);

    expect(withStale.countFiles).toEqual(both.countFiles);
    expect(withStale.notes).toEqual([
      expect.stringMatching(/registrar-2130\.csv: race mayor at 2022-11-08T20:30:00-08:00: dropped: a stale copy/),
      expect.stringMatching(/registrar-2130\.csv: race mayor at 2022-11-08T21:30:00-08:00: dropped: a stale copy/),
    ]);
    expect(twice.countFiles).toEqual(importFeed('csv', sheet(EARLY)).countFiles);
  });

  it('lets a unit without an estimate borrow the median of the others', () => {
    const body = [
      HEADER,
      '2022-11-08T20:30:00-08:00,r,Race,u1,,a,A,100,900,,',
      '2022-11-08T20:30:00-08:00,r,Race,u1,,b,B,100,900,,',
      '2022-11-08T20:30:00-08:00,r,Race,u2,,a,A,50,,,',
      '2022-11-08T20:30:00-08:00,r,Race,u2,,b,B,50,,,',
    ].join('\n');

    const [file] = importFeed('csv', [{ source: 'sheet.csv', body }]).countFiles;

    // u1 expects 1,100 votes in all; u2, with 100 counted, is given 1,000 more (range: a quarter to 4 times 1,100).
    expect(file.releases[0].units.map((unit) => unit.outstanding)).toEqual([{ expected: 900 }, { expected: 1000, low: 175, high: 4300 }]);
  });

  it.each([
    ['a missing column', 'snapshot_time,race_id\n', 'missing column "race_name"'],
    ['a misspelt column', `${HEADER},vote_typ\n`, 'unknown column "vote_typ"'],
  ])('refuses a header with %s, listing the documented columns', (_name, body, detail) => {
    const error = csvError(body);

    expect(error.message).toBe('sheet.csv: the header does not have the documented columns');
    expect(error.details).toContain(detail);
    expect(error.details.at(-1)).toBe(`the columns are ${HEADER} and optionally vote_type, candidate_party`);
  });

  it.each([
    ['a count that is not a whole number', '2022-11-08T20:30:00-08:00,r,Race,u1,,a,A,12.5,10,,', 'sheet.csv: line 2, votes: expected a whole number >= 0, got "12.5"'],
    ['a time without an offset', '2022-11-08T20:30:00,r,Race,u1,,a,A,12,10,,', 'sheet.csv: line 2, snapshot_time: expected an ISO 8601 date-time with an offset, got "2022-11-08T20:30:00"'],
    ['an id the rule refuses', '2022-11-08T20:30:00-08:00,r,Race,Ward 1,,a,A,12,10,,', 'sheet.csv: line 2, unit_id: expected an id: 1 to 128 letters'],
    ['a low without an expected', '2022-11-08T20:30:00-08:00,r,Race,u1,,a,A,12,,5,', 'sheet.csv: line 2, outstanding_expected: empty, but outstanding_low or outstanding_high is given'],
  ])('names the line and column of %s', (_name, row, message) => {
    expect(csvError(`${HEADER}\n${row}\n`).message).toContain(message);
  });

  it('refuses a unit whose rows disagree on its estimate, and a row given twice', () => {
    const rows = ['2022-11-08T20:30:00-08:00,r,Race,u1,,a,A,12,10,,', '2022-11-08T20:30:00-08:00,r,Race,u1,,b,B,12,11,,'];

    expect(csvError([HEADER, ...rows].join('\n')).message).toBe(
      'sheet.csv: line 3, outstanding_expected/low/high: "11,,", but line 2 gives "10,," for the same unit and snapshot',
    );
    expect(csvError([HEADER, rows[0], rows[0]].join('\n')).message).toBe('sheet.csv: line 3: the same snapshot, race, unit, and candidate as line 2');
  });

  it('refuses CSV that csv-parse cannot read, with its reason', () => {
    expect(csvError(`${HEADER}\n"unclosed,r\n`).message).toMatch(/^sheet\.csv: not valid CSV: Quote Not Closed/);
  });
});
