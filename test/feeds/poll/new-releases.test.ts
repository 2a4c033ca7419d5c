import { describe, expect, it } from 'vitest';
import { importFeed } from '../../../feeds/import-feed.ts';
import { newReleases, raceIdsOf, type KnownRace } from '../../../feeds/poll/new-releases.ts';
import { countFileOf, fixturePaths, fixtureSnapshot } from '../feed-fixtures.ts';

const GOVERNOR = '20221108AL1005';
const night = () => fixturePaths('ap').map((path) => fixtureSnapshot(path));

describe('newReleases', () => {
  it('after what is stored, gives only the releases that come later, as the import would make them', () => {
    const snapshots = night();
    const whole = countFileOf(importFeed('ap', snapshots).countFiles, GOVERNOR);
    // The store holds the governor's first three releases; snapshot 4 leaves unit 1001 out.
    const known = new Map<string, KnownRace>([[GOVERNOR, { race: whole.race, latest: whole.releases[2] }]]);

    const found = newReleases('ap', [snapshots[3]], known);

    expect(found.races.map((race) => race.race.id)).toEqual([GOVERNOR, '20221108AL1010']);
    expect(found.races[0].releases).toEqual([whole.releases[3]]);
  });

  it('finds nothing new in a snapshot already stored, or an older one', () => {
    const snapshots = night();
    const whole = countFileOf(importFeed('ap', snapshots).countFiles, GOVERNOR);
    const known = new Map<string, KnownRace>([[GOVERNOR, { race: whole.race, latest: whole.releases[4] }]]);

    expect(newReleases('ap', [snapshots[4]], known).races).toEqual([]);
    expect(newReleases('ap', [snapshots[0]], known)).toMatchObject({ races: [], notes: [expect.stringMatching(/dropped: a stale copy/)] });
  });

  it('keeps the stored race (its name, rule and candidate order) for a race it knows', () => {
    const whole = countFileOf(importFeed('ap', night()).countFiles, GOVERNOR);
    const race = { ...whole.race, name: 'Alabama governor', rule: { kind: 'majority' as const } };
    const known = new Map<string, KnownRace>([[GOVERNOR, { race, latest: whole.releases[0] }]]);

    expect(newReleases('ap', [night()[1]], known).races[0].race).toEqual(race);
  });

  it('names the races of snapshots, for the store to look up', () => {
    expect(raceIdsOf('ap', night())).toEqual([GOVERNOR, '20221108AL1010']);
  });
});
