import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TURNOUT, outstandingFromRegistration } from '../../feeds/estimate/outstanding-from-registration.ts';
import { outstandingFromPrecincts } from '../../feeds/estimate/outstanding-from-share.ts';
import { bodiesInFile, detectFeedFormat } from '../../feeds/detect-feed-format.ts';
import { importFeed, snapshotsInFile } from '../../feeds/import-feed.ts';
import { countFileOf, unitOf } from './feed-fixtures.ts';
import { detailXml, detailZip, FETCHED_AT, recordedVersion, summaryJson, VERSIONS } from './clarity-live-fixtures.ts';

const EXECUTIVE = 'Pine-1';
const MEASURE = 'Pine-2';

/** The three versions' detail.xml as plain files: each one's Timestamp is its time. */
const xmlNight = () => VERSIONS.flatMap((version) => snapshotsInFile('clarity', detailXml(version), `v${version}-detail.xml`));
/** A recording of the three versions' zips, as ballotcast record writes it. */
const zipRecording = () => JSON.stringify(VERSIONS.map((version) => recordedVersion(version, 'zip')));
const summaryRecording = () => JSON.stringify(VERSIONS.map((version) => recordedVersion(version, 'summary')));

describe("Clarity's detail.xml", () => {
  it('makes one race per contest, ids from the Region and the keys, at the report Timestamp', () => {
    const { countFiles } = importFeed('clarity', xmlNight());

    expect(countFiles.map((file) => file.race.id)).toEqual([EXECUTIVE, MEASURE]);
    expect(countFileOf(countFiles, EXECUTIVE).race).toEqual({
      id: EXECUTIVE,
      name: 'County Executive',
      rule: { kind: 'plurality' },
      candidates: [
        { id: '1', name: 'Rosa Diaz', party: 'DEM' },
        { id: '2', name: 'Tom Hale', party: 'REP' },
      ],
    });
    expect(countFileOf(countFiles, MEASURE).race.candidates.map((candidate) => candidate.id)).toEqual(['3', '4']);
    expect(countFileOf(countFiles, EXECUTIVE).releases.map((release) => release.asOf)).toEqual([
      '2024-11-05T20:30:12-05:00',
      '2024-11-05T21:45:03-05:00',
      '2024-11-05T22:30:41-05:00',
    ]);
  });

  it("splits precincts by vote type, leaves the contest's undervotes out, and estimates from registered voters", () => {
    const releases = countFileOf(importFeed('clarity', xmlNight()).countFiles, EXECUTIVE).releases;
    const northHill = unitOf(releases[1], 'North-Hill');

    expect(releases[0].units.map((unit) => [unit.id, unit.name])).toEqual([
      ['North-Hill', 'North Hill'],
      ['South-Hill', 'South Hill'],
      ['Mill-Creek', 'Mill Creek'],
    ]);
    expect(northHill.counted).toEqual({ '1': 760, '2': 730 });
    expect(northHill.types?.election_day.counted).toEqual({ '1': 340, '2': 380 });
    expect(northHill.types?.absentee_by_mail.counted).toEqual({ '1': 300, '2': 200 });
    expect(northHill.types?.early_voting.counted).toEqual({ '1': 120, '2': 150 });
    expect(northHill.outstanding).toEqual(outstandingFromRegistration(1490, 3000, DEFAULT_TURNOUT));
  });

  it('follows counts as they rise, and marks a count that falls as a correction', () => {
    const releases = countFileOf(importFeed('clarity', xmlNight()).countFiles, EXECUTIVE).releases;

    expect(releases.map((release) => unitOf(release, 'Mill-Creek').counted)).toEqual([
      { '1': 0, '2': 0 },
      { '1': 350, '2': 420 },
      { '1': 350, '2': 420 },
    ]);
    expect(releases.map((release) => unitOf(release, 'South-Hill').types?.absentee_by_mail.counted['1'])).toEqual([410, 410, 400]);
    expect(releases.map((release) => unitOf(release, 'South-Hill').correction === true)).toEqual([false, false, true]);
  });

  it('reads the zip the same as the XML: from a recording in base64, and from a plain detailxml.zip', () => {
    const expected = importFeed('clarity', xmlNight()).countFiles;
    const recorded = snapshotsInFile('clarity', zipRecording(), 'night.json');
    const plainZips = VERSIONS.flatMap((version) => snapshotsInFile('clarity', detailZip(version), `v${version}.zip`));

    expect(recorded.map((snapshot) => snapshot.encoding)).toEqual(['base64', 'base64', 'base64']);
    expect(importFeed('clarity', recorded).countFiles).toEqual(expected);
    expect(plainZips.map((snapshot) => snapshot.fetchedAt)).toEqual(['2024-11-05T20:30:12-05:00', '2024-11-05T21:45:03-05:00', '2024-11-05T22:30:41-05:00']);
    expect(importFeed('clarity', plainZips).countFiles).toEqual(expected);
  });

  it('names what is wrong: XML that is not well formed (its line), a zip without detail.xml, a bad field', () => {
    const broken = detailXml(1).replace('</Region>', '</Regio>');
    const badVotes = detailXml(1).replace('<Precinct name="South Hill" votes="410" />', '<Precinct name="South Hill" votes="many" />');
    const noXml = Buffer.from(zipSync({ 'summary.csv': strToU8('a,b\n') })).toString('base64');

    expect(() => importFeed('clarity', [{ source: 'broken.xml', body: broken }])).toThrow(/^broken\.xml: not well-formed XML: line 7, column \d+: /);
    try {
      importFeed('clarity', [{ source: 'bad.xml', body: badVotes }]);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('bad.xml: not a Clarity detail report (detail.xml)');
      expect((error as { details: string[] }).details).toContain('ElectionResult.Contest[0].Choice[0].VoteType[1].Precinct[1].votes: expected a whole number >= 0');
    }
    expect(() => snapshotsInFile('ap', detailZip(1), 'x.zip')).toThrow("x.zip: a zip file: only Clarity's detailxml.zip is read, not as ap");
    expect(() => importFeed('clarity', [{ source: 'r.zip', encoding: 'base64', body: noXml }])).toThrow('r.zip: expected detail.xml in the zip, found no XML file');
  });
});

describe("Clarity's summary.json", () => {
  it('makes one unit per contest, the region of the URL, at the fetch time, estimated from precincts reporting', () => {
    const { countFiles } = importFeed('clarity', snapshotsInFile('clarity', summaryRecording(), 'summary.json'));
    const executive = countFileOf(countFiles, EXECUTIVE);

    expect(countFiles.map((file) => file.race.id)).toEqual([EXECUTIVE, MEASURE]);
    expect(executive.race.candidates).toEqual([
      { id: 'Rosa-Diaz', name: 'Rosa Diaz', party: 'DEM' },
      { id: 'Tom-Hale', name: 'Tom Hale', party: 'REP' },
    ]);
    expect(countFileOf(countFiles, MEASURE).race.candidates).toEqual([
      { id: 'Yes', name: 'Yes' },
      { id: 'No', name: 'No' },
    ]);
    expect(executive.releases.map((release) => release.asOf)).toEqual(FETCHED_AT);
    expect(executive.releases[1].units).toEqual([
      { id: 'Pine', name: 'Pine', counted: { 'Rosa-Diaz': 1610, 'Tom-Hale': 1500 }, outstanding: outstandingFromPrecincts(3110, 2 / 3) },
    ]);
    // Every precinct in is not every vote in: still some outstanding.
    expect(executive.releases[2].units[0].outstanding?.expected).toBeGreaterThan(0);
  });

  it('marks a race total that falls as a correction, and reads a contest listed twice once', () => {
    const later = JSON.parse(summaryJson(2)) as Array<{ V: number[] }>;
    later[1].V = [1530, 1480];
    const recording = [recordedVersion(2, 'summary'), { ...recordedVersion(3, 'summary'), body: JSON.stringify([...later, later[0]]) }];

    const measure = countFileOf(importFeed('clarity', snapshotsInFile('clarity', JSON.stringify(recording), 'r.json')).countFiles, MEASURE);

    expect(measure.releases.map((release) => release.units[0].counted)).toEqual([
      { Yes: 1530, No: 1485 },
      { Yes: 1530, No: 1480 },
    ]);
    expect(measure.releases[1].units[0].correction).toBe(true);
  });

  it('refuses a plain summary.json, which has neither a time nor a URL to name its region', () => {
    expect(() => importFeed('clarity', snapshotsInFile('clarity', summaryJson(1), 'summary.json'))).toThrow(
      'summary.json: a summary.json carries no time of its own: import it from a recording (ballotcast record), which keeps the fetch time',
    );
    expect(() => importFeed('clarity', [{ source: 's.json', fetchedAt: FETCHED_AT[0], body: summaryJson(1) }])).toThrow(/^s\.json: a summary\.json is named by its URL/);
  });
});

describe('telling a live Clarity recording from the others', () => {
  it('knows a recorded zip, a detail.xml and a summary.json as Clarity', () => {
    const bodies = [...bodiesInFile(zipRecording()), ...bodiesInFile(summaryRecording()), ...bodiesInFile(detailXml(1)), ...bodiesInFile(summaryJson(1))];

    expect(bodies).toHaveLength(8);
    expect(detectFeedFormat(bodies.map((body, index) => ({ source: `${index}`, body })))).toEqual({ format: 'clarity' });
  });
});
