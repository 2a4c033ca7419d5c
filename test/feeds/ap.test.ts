import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../core/forecast-race.ts';
import type { CountFile } from '../../core/schemas/index.ts';
import { EEVP_UNCERTAINTY, outstandingFromShare, PRECINCTS_UNCERTAINTY } from '../../feeds/estimate/outstanding-from-share.ts';
import { FeedError } from '../../feeds/feed-error.ts';
import { importFeed, snapshotsInFile } from '../../feeds/import-feed.ts';
import type { FeedSnapshot } from '../../feeds/recorded-snapshot.ts';
import { countFileOf, fixturePaths, fixtureSnapshot, unitOf } from './feed-fixtures.ts';

const GOVERNOR = '20221108AL1005';
const LIEUTENANT = '20221108AL1010';

/** The five AP fixtures as plain files: each one's own `timestamp` is its fetch time. */
const night = (): FeedSnapshot[] => fixturePaths('ap').flatMap((path) => snapshotsInFile('ap', readFileSync(path, 'utf8'), path));
const importNight = (snapshots: readonly FeedSnapshot[] = night()) => importFeed('ap', snapshots);
const body = (index: number) => JSON.parse(readFileSync(fixturePaths('ap')[index], 'utf8'));
const asSnapshot = (json: unknown, fetchedAt: string, source = 'test.json'): FeedSnapshot => ({ source, fetchedAt, body: JSON.stringify(json) });

describe('AP import', () => {
  it('writes one count file per race, keeping AP ids; a race that appears mid-night starts then', () => {
    const { countFiles } = importNight();

    expect(countFiles.map((file) => file.race.id)).toEqual([GOVERNOR, LIEUTENANT]);
    const governor = countFileOf(countFiles, GOVERNOR);
    expect(governor.race).toEqual({
      id: GOVERNOR,
      name: 'Governor (General)',
      rule: { kind: 'plurality' },
      candidates: [
        { id: '8001', name: 'Ann Smith', party: 'Dem' },
        { id: '8002', name: 'Bob Jones', party: 'GOP' },
      ],
    });
    expect(governor.releases.map((release) => release.asOf)).toEqual([
      '2022-11-09T01:02:00Z',
      '2022-11-09T01:31:00Z',
      '2022-11-09T02:08:00Z',
      '2022-11-09T02:37:00Z',
      '2022-11-09T03:12:00Z',
    ]);
    expect(governor.releases[0].units.map((unit) => [unit.id, unit.name])).toEqual([['1001', 'Autauga'], ['1003', 'Baldwin']]);
    expect(countFileOf(countFiles, LIEUTENANT).releases.map((release) => release.asOf)).toEqual(['2022-11-09T01:33:00Z', '2022-11-09T02:09:00Z']);
  });

  it("turns the race's eevp into each unit's outstanding votes: counted / (eevp / 100) less counted, with the documented range", () => {
    const first = countFileOf(importNight().countFiles, GOVERNOR).releases[0];

    // Autauga has 1,800 votes at eevp 20: 9,000 expected in all, 7,200 still to count.
    expect(unitOf(first, '1001').outstanding).toEqual({ expected: 7200, low: 6102, high: 8354 });
    expect(unitOf(first, '1001').outstanding).toEqual(outstandingFromShare(1800, 0.2, EEVP_UNCERTAINTY));
  });

  it('keeps the last counts of a unit that a snapshot leaves out', () => {
    const governor = countFileOf(importNight().countFiles, GOVERNOR);
    const [, , before, without] = governor.releases;

    expect(unitOf(without, '1001')).toEqual(unitOf(before, '1001'));
    expect(unitOf(without, '1001').counted).toEqual({ '8001': 1800, '8002': 1400 });
  });

  it('marks swapped counts, and then their correction, as corrections', () => {
    const releases = countFileOf(importNight().countFiles, GOVERNOR).releases;
    const baldwin = releases.map((release) => unitOf(release, '1003'));

    expect(baldwin.map((unit) => unit.counted)).toEqual([
      { '8001': 2000, '8002': 2500 },
      { '8001': 3000, '8002': 3600 },
      { '8001': 3600, '8002': 3000 },
      { '8001': 3050, '8002': 3650 },
      { '8001': 4200, '8002': 5600 },
    ]);
    expect(baldwin.map((unit) => unit.correction === true)).toEqual([false, false, true, true, false]);
    expect(releases.map((release) => unitOf(release, '1001').correction === true)).toEqual([false, false, false, false, false]);
  });

  it('drops a stale copy whose time goes back, and says so', () => {
    const snapshots = night();
    const staleCopy = { ...snapshots[0], source: 'stale.json', fetchedAt: '2022-11-09T02:20:00Z' };

    const { countFiles, notes } = importNight([...snapshots, staleCopy]);

    expect(countFiles).toEqual(importNight().countFiles);
    expect(notes).toEqual([expect.stringMatching(/^stale\.json: race 20221108AL1005 at 2022-11-09T01:02:00Z: dropped: a stale copy/)]);
  });

  it('makes one release of identical snapshots fetched twice', () => {
    const snapshots = night();
    const again = { ...snapshots[4], source: 'again.json', fetchedAt: '2022-11-09T03:16:00Z' };

    const { countFiles, notes } = importNight([...snapshots, again]);

    expect(countFiles).toEqual(importNight().countFiles);
    expect(notes).toEqual([]);
  });

  it("turns each candidate's voteTypes into the unit's ballot types, with the unit's outstanding split by counted share", () => {
    const first = countFileOf(importNight().countFiles, LIEUTENANT).releases[0];
    const autauga = unitOf(first, '1001');

    expect(Object.keys(autauga.types ?? {})).toEqual(['electionDayInPerson', 'absenteeMail']);
    expect(autauga.types?.electionDayInPerson.counted).toEqual({ '8101': 600, '8102': 700 });
    expect(autauga.types?.absenteeMail.counted).toEqual({ '8101': 300, '8102': 300 });
    // 1,300 of 1,900 counted votes are election-day votes, so they get 1,300 / 1,900 of the 4,433 outstanding.
    expect(autauga.outstanding.expected).toBe(4433);
    expect(autauga.types?.electionDayInPerson.outstanding.expected).toBe(3033);
    expect(autauga.types?.absenteeMail.outstanding.expected).toBe(1400);
  });

  it('puts votes that the vote types leave out in an "other" type, and refuses types that add up to more', () => {
    const response = body(1);
    const autauga = response.races[1].reportingUnits[1];
    autauga.candidates[0].voteTypes[1].voteCount -= 100; // Cy's 300 mail votes reported as 200

    const [observation] = importFeed('ap', [asSnapshot(response, '2022-11-09T01:35:00Z')]).countFiles.filter((file) => file.race.id === LIEUTENANT);
    expect(unitOf(observation.releases[0], '1001').types?.other.counted).toEqual({ '8101': 100, '8102': 0 });

    autauga.candidates[0].voteTypes[1].voteCount += 200;
    expect(() => importFeed('ap', [asSnapshot(response, '2022-11-09T01:35:00Z')])).toThrow(
      /races\[1\]\.reportingUnits\[1\]\.candidates\[0\]\.voteTypes: the vote types add up to 1000 votes, more than the candidate's voteCount 900/,
    );
  });

  it("carries AP's winner flag as the release's call, first seen at the response's timestamp", () => {
    const releases = countFileOf(importNight().countFiles, GOVERNOR).releases;

    expect(releases.map((release) => release.call)).toEqual([undefined, undefined, undefined, undefined, { candidate: '8002', by: 'AP', at: '2022-11-09T03:15:00Z' }]);
  });

  it('keeps the time a call was first seen while it stands, and takes a call that arrives without new counts onto the last release', () => {
    const later = body(4);
    later.timestamp = '2022-11-09T03:45:00Z';
    for (const unit of later.races[0].reportingUnits) unit.lastUpdated = '2022-11-09T03:40:00Z';
    later.races[0].reportingUnits[1].candidates[0].voteCount += 10;
    const callOnly = body(3);
    callOnly.timestamp = '2022-11-09T02:50:00Z';
    callOnly.races[0].reportingUnits[0].candidates[1].winner = 'X';

    const withLater = importNight([...night(), asSnapshot(later, '2022-11-09T03:45:00Z')]);
    const withCallOnly = importNight([...night().slice(0, 4), asSnapshot(callOnly, '2022-11-09T02:50:00Z')]);

    expect(countFileOf(withLater.countFiles, GOVERNOR).releases.at(-1)?.call).toEqual({ candidate: '8002', by: 'AP', at: '2022-11-09T03:15:00Z' });
    const calledEarly = countFileOf(withCallOnly.countFiles, GOVERNOR).releases;
    expect(calledEarly.map((release) => release.asOf).at(-1)).toBe('2022-11-09T02:37:00Z');
    expect(calledEarly.at(-1)?.call).toEqual({ candidate: '8002', by: 'AP', at: '2022-11-09T02:50:00Z' });
  });

  it("shows the call in the forecast, with probabilities byte-identical to the same file without it", () => {
    const governor = countFileOf(importNight().countFiles, GOVERNOR);
    const uncalled: CountFile = { ...governor, releases: governor.releases.map(({ call: _call, ...release }) => release) };

    const called = forecastRace({ countFile: governor, seed: 'ap-call', draws: 4000 });
    const plain = forecastRace({ countFile: uncalled, seed: 'ap-call', draws: 4000 });

    expect(called.call).toEqual({ candidate: '8002', by: 'AP', at: '2022-11-09T03:15:00Z' });
    expect(Object.hasOwn(plain, 'call')).toBe(false);
    const probabilities = (forecast: typeof called) => JSON.stringify({ candidates: forecast.candidates, margin: forecast.margin, votesOutstanding: forecast.votesOutstanding, monteCarloError: forecast.monteCarloError });
    expect(probabilities(called)).toBe(probabilities(plain));
  });
});

describe('AP import without an estimate', () => {
  it('falls back on precincts reporting when the race has no eevp', () => {
    const response = body(0);
    delete response.races[0].eevp;

    const [governor] = importFeed('ap', [asSnapshot(response, '2022-11-09T01:05:00Z')]).countFiles;

    // Autauga: 1,800 votes with 10 of 20 precincts in.
    expect(unitOf(governor.releases[0], '1001').outstanding).toEqual(outstandingFromShare(1800, 0.5, PRECINCTS_UNCERTAINTY));
    expect(unitOf(governor.releases[0], '1001').outstanding.expected).toBe(1800);
  });

  it('skips, with a note, a snapshot whose votes have no estimate at all, and writes no file for a race with only such snapshots', () => {
    const response = body(0);
    delete response.races[0].eevp;
    for (const unit of response.races[0].reportingUnits) {
      delete unit.precinctsReporting;
      delete unit.precinctsTotal;
    }

    const { countFiles, notes } = importFeed('ap', [asSnapshot(response, '2022-11-09T01:05:00Z', 'bare.json')]);

    expect(countFiles).toEqual([]);
    expect(notes).toEqual([
      'bare.json: race 20221108AL1005 at 2022-11-09T01:02:00Z: skipped: votes are counted but no unit has an estimate of the votes outstanding (eevp, precincts, registered voters or outstanding_expected)',
      'race 20221108AL1005: no count file: no snapshot had votes counted with an estimate of those outstanding',
    ]);
  });
});

describe('AP import of a malformed feed', () => {
  const importOne = (mutate: (response: any) => void) => () => {
    const response = body(0);
    mutate(response);
    importFeed('ap', [asSnapshot(response, '2022-11-09T01:05:00Z', 'bad.json')]);
  };

  it.each([
    ['a missing raceID', (response: any) => delete response.races[0].raceID, 'bad.json: not an AP elections response', 'races[0].raceID: expected the race id as a string'],
    ['a vote count that is not a whole number', (response: any) => (response.races[0].reportingUnits[1].candidates[0].voteCount = '12'), 'bad.json: not an AP elections response', 'races[0].reportingUnits[1].candidates[0].voteCount: expected a whole number >= 0'],
    ['a bad lastUpdated', (response: any) => (response.races[0].reportingUnits[2].lastUpdated = 'yesterday'), 'bad.json: not an AP elections response', 'races[0].reportingUnits[2].lastUpdated: expected an ISO 8601 date-time, e.g. 2022-11-09T03:12:45Z'],
  ])('names the field of %s', (_name, mutate, message, detail) => {
    let error: unknown;
    try {
      importOne(mutate)();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).message).toBe(message);
    expect((error as FeedError).details).toContain(detail);
  });

  it.each([
    ['raceID', (response: any) => (response.races[0].raceID = '10/05'), 'races[0].raceID: expected an id: 1 to 128 letters'],
    ['candidateID', (response: any) => (response.races[0].reportingUnits[1].candidates[1].candidateID = 'Bob Jones'), 'races[0].reportingUnits[1].candidates[1].candidateID: expected an id'],
    ['reportingunitID', (response: any) => (response.races[0].reportingUnits[2].reportingunitID = '..'), 'races[0].reportingUnits[2].reportingunitID: expected an id'],
  ])('refuses an id the id rule refuses (%s), naming the field, rather than change it', (_field, mutate, message) => {
    expect(importOne(mutate)).toThrow(message);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => importFeed('ap', [{ source: 'cut.json', fetchedAt: '2022-11-09T01:05:00Z', body: '{"races": [' }])).toThrow(/^cut\.json: not valid JSON: /);
  });
});
