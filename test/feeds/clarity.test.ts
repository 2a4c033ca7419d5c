import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clarityTimestamp } from '../../feeds/clarity/clarity-timestamp.ts';
import { DEFAULT_TURNOUT, outstandingFromRegistration, turnoutAround } from '../../feeds/estimate/outstanding-from-registration.ts';
import { importFeed, snapshotsInFile } from '../../feeds/import-feed.ts';
import type { FeedSnapshot } from '../../feeds/recorded-snapshot.ts';
import { countFileOf, fixturePaths, unitOf } from './feed-fixtures.ts';

const SENATE = 'Lake-2';
const COMMISSION = 'Lake-5';

/** The four Lake County detail reports as plain files: each one's Timestamp is its fetch time. */
const night = (): FeedSnapshot[] => fixturePaths('clarity').flatMap((path) => snapshotsInFile('clarity', readFileSync(path, 'utf8'), path));
const report = (index: number) => JSON.parse(readFileSync(fixturePaths('clarity')[index], 'utf8'));

describe('Clarity report times', () => {
  it.each([
    ['1/11/2021 4:02:33 PM EST', '2021-01-11T16:02:33-05:00'],
    ['11/8/2022 12:05:00 AM PST', '2022-11-08T00:05:00-08:00'],
    ['11/8/2022 12:30:00 PM CDT', '2022-11-08T12:30:00-05:00'],
  ])('reads %s as %s', (text, iso) => {
    expect(clarityTimestamp(text)).toBe(iso);
  });

  it.each(['2022-11-08T20:00:00Z', '11/8/2022 13:00:00 PM EST', '11/8/2022 8:00:00 PM XYZ', '13/8/2022 8:00:00 PM EST'])('refuses %s', (text) => {
    expect(clarityTimestamp(text)).toBeUndefined();
  });
});

describe('Clarity import', () => {
  it('writes one count file per contest, ids from the region and contest and choice keys; a contest that appears mid-night starts then', () => {
    const { countFiles } = importFeed('clarity', night());

    expect(countFiles.map((file) => file.race.id)).toEqual([SENATE, COMMISSION]);
    expect(countFileOf(countFiles, SENATE).race.candidates).toEqual([
      { id: '1', name: 'Ann Smith (Dem)', party: 'Dem' },
      { id: '2', name: 'Bob Jones (Rep)', party: 'Rep' },
    ]);
    expect(countFileOf(countFiles, SENATE).releases.map((release) => release.asOf)).toEqual([
      '2022-11-08T20:45:10-05:00',
      '2022-11-08T21:30:00-05:00',
      '2022-11-08T22:15:00-05:00',
      '2022-11-08T23:00:00-05:00',
    ]);
    expect(countFileOf(countFiles, COMMISSION).releases[0].asOf).toBe('2022-11-08T21:30:00-05:00');
  });

  it('makes unit ids from precinct names, keeps the names, and adds a precinct when it first reports', () => {
    const releases = countFileOf(importFeed('clarity', night()).countFiles, SENATE).releases;

    expect(releases[0].units.map((unit) => [unit.id, unit.name])).toEqual([['Ward-1', 'Ward 1'], ['Ward-2', 'Ward 2']]);
    expect(releases[1].units.map((unit) => unit.id)).toEqual(['Ward-1', 'Ward-2', 'Oak-Grove']);
  });

  it("splits each unit by Clarity's vote types, and sums them into the unit", () => {
    const ward1 = unitOf(countFileOf(importFeed('clarity', night()).countFiles, SENATE).releases[0], 'Ward-1');

    expect(ward1.counted).toEqual({ '1': 400, '2': 350 });
    expect(ward1.types?.election_day_votes.counted).toEqual({ '1': 100, '2': 150 });
    expect(ward1.types?.absentee_by_mail_votes.counted).toEqual({ '1': 300, '2': 200 });
  });

  it("estimates outstanding votes from the precinct's registered voters and the turnout assumption", () => {
    const ward1 = unitOf(countFileOf(importFeed('clarity', night()).countFiles, SENATE).releases[0], 'Ward-1');
    const lowTurnout = unitOf(countFileOf(importFeed('clarity', night(), { turnout: turnoutAround(0.3) }).countFiles, SENATE).releases[0], 'Ward-1');

    // 4,000 registered: 2,400 votes expected at 60% turnout, 750 counted.
    expect(ward1.outstanding).toEqual({ expected: 1650, low: 650, high: 2650 });
    expect(ward1.outstanding).toEqual(outstandingFromRegistration(750, 4000, DEFAULT_TURNOUT));
    expect(lowTurnout.outstanding).toEqual({ expected: 450, low: 0, high: 1450 });
  });

  it('keeps the last counts of a precinct the report leaves out, and marks swapped counts and their correction', () => {
    const releases = countFileOf(importFeed('clarity', night()).countFiles, SENATE).releases;

    expect(unitOf(releases[2], 'Ward-2')).toEqual(unitOf(releases[1], 'Ward-2'));
    expect(releases.map((release) => unitOf(release, 'Ward-1').correction === true)).toEqual([false, false, true, true]);
    expect(releases.map((release) => unitOf(release, 'Ward-1').types?.absentee_by_mail_votes.counted)).toEqual([
      { '1': 300, '2': 200 },
      { '1': 300, '2': 200 },
      { '1': 200, '2': 300 },
      { '1': 310, '2': 210 },
    ]);
  });

  it('drops a stale copy fetched late, and makes one release of a report fetched twice', () => {
    const snapshots = night();
    const stale = { ...snapshots[1], source: 'stale.json', fetchedAt: '2022-11-09T04:30:00Z' };
    const twice = { ...snapshots[3], source: 'twice.json', fetchedAt: '2022-11-09T04:05:00Z' };

    const { countFiles, notes } = importFeed('clarity', [...snapshots, twice, stale]);

    expect(countFiles).toEqual(importFeed('clarity', night()).countFiles);
    expect(notes).toEqual([
      expect.stringMatching(/^stale\.json: race Lake-2 at 2022-11-08T21:30:00-05:00: dropped: a stale copy/),
      expect.stringMatching(/^stale\.json: race Lake-5 at 2022-11-08T21:30:00-05:00: dropped: a stale copy/),
    ]);
  });

  it('names the field of a malformed report', () => {
    const bad = report(0);
    bad.ElectionResult.Contest.Choice[1].VoteType[0].Precinct[0].votes = 'many';
    const badTime = report(0);
    badTime.ElectionResult.Timestamp = '2022-11-08 20:45';

    expect(() => importFeed('clarity', [{ source: 'bad.json', body: JSON.stringify(bad) }])).toThrow(/^bad\.json: not a Clarity detail report as JSON$/);
    try {
      importFeed('clarity', [{ source: 'bad.json', body: JSON.stringify(bad) }]);
    } catch (error) {
      expect((error as { details: string[] }).details).toContain('ElectionResult.Contest[0].Choice[1].VoteType[0].Precinct[0].votes: expected a whole number >= 0');
    }
    expect(() => importFeed('clarity', [{ source: 'late.json', body: JSON.stringify(badTime) }])).toThrow(
      'late.json: ElectionResult.Timestamp: expected a report time like "11/3/2020 11:59:01 PM EST", got "2022-11-08 20:45"',
    );
  });

  it('refuses two precinct names that would make the same unit id, naming both', () => {
    const clash = report(0);
    clash.ElectionResult.Contest.Choice[0].VoteType[0].Precinct[1].name = 'Ward  1';

    expect(() => importFeed('clarity', [{ source: 'clash.json', body: JSON.stringify(clash) }])).toThrow(
      /^clash\.json: ElectionResult\.Contest\[0\]\.Choice\[0\]\.VoteType\[0\]\.Precinct\[1\]\.name: the names "Ward 1" and "Ward  1" make the same unit id "Ward-1"$/,
    );
  });
});
