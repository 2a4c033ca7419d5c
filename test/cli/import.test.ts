import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ForecastSchema, type CountFile } from '../../core/schemas/index.ts';
import { CLARITY_LIVE, detailZip, recordedVersion } from '../feeds/clarity-live-fixtures.ts';
import { fixturePaths } from '../feeds/feed-fixtures.ts';
import { cli, hasStackTrace, temporaryDirectory } from './cli-harness.ts';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('ballotcast import', () => {
  const directory = temporaryDirectory('ballotcast-import-');
  afterAll(() => directory.remove());

  it.each([
    ['ap', ['20221108AL1005.json', '20221108AL1010.json']],
    ['clarity', ['Lake-2.json', 'Lake-5.json']],
    ['csv', ['mayor.json', 'measure-a.json']],
  ] as const)('imports the %s fixtures into count files that validate', async (format, names) => {
    const out = join(directory.path, format);

    const imported = await cli(['import', format, ...fixturePaths(format), '--out', out]);

    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout.split('\n').filter((line) => line !== '')).toHaveLength(names.length);
    expect(readdirSync(out).sort()).toEqual([...names]);
    const validated = await cli(['validate', ...names.map((name) => join(out, name))]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain(`valid count file: race ${names[0].replace('.json', '')}`);
  });

  it("reads a live Clarity site's files: detail.xml, detailxml.zip, and a recording of zips in base64", async () => {
    const zip = join(directory.path, 'v3-detailxml.zip');
    writeFileSync(zip, detailZip(3));
    const recording = directory.write('pine-recording.json', [recordedVersion(1, 'zip'), recordedVersion(2, 'zip')]);
    const out = join(directory.path, 'pine');

    const result = await cli(['import', 'clarity', recording, join(CLARITY_LIVE, 'v2-detail.xml'), zip, '--out', out]);

    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      `wrote ${join(out, 'Pine-1.json')}: County Executive, 3 releases, 3 units\n` + `wrote ${join(out, 'Pine-2.json')}: Measure A, 3 releases, 3 units\n`,
    );
  });

  it('reads a recording (an array of { fetchedAt, url, body }), drops its stale copy with a note, and says what it wrote', async () => {
    const [first, second, third, fourth, fifth] = fixturePaths('ap').map((path) => readFileSync(path, 'utf8'));
    const at = (time: string, body: string) => ({ fetchedAt: time, url: 'https://api.ap.org/v2/elections/2022-11-08?level=ru', body });
    const recording = directory.write('recording.json', [
      at('2022-11-09T01:05:00Z', first),
      at('2022-11-09T01:35:00Z', second),
      at('2022-11-09T02:10:00Z', third),
      at('2022-11-09T02:20:00Z', first),
      at('2022-11-09T02:40:00Z', fourth),
      at('2022-11-09T03:15:00Z', fifth),
      at('2022-11-09T03:16:00Z', fifth),
    ]);
    const out = join(directory.path, 'recorded');

    const result = await cli(['import', 'ap', recording, '--out', out]);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `wrote ${join(out, '20221108AL1005.json')}: Governor (General), 5 releases, 2 units, called for Bob Jones by AP\n` +
        `wrote ${join(out, '20221108AL1010.json')}: Lieutenant Governor (General), 2 releases, 2 units\n`,
    );
    expect(result.stderr).toBe(
      `note: ${recording}[3] (https://api.ap.org/v2/elections/2022-11-08?level=ru): race 20221108AL1005 at 2022-11-09T01:02:00Z: dropped: a stale copy, not after the release at 2022-11-09T02:08:00Z\n`,
    );
    expect(readJson(join(out, '20221108AL1005.json'))).toEqual(readJson(join(directory.path, 'ap', '20221108AL1005.json')));
  });

  it("shows AP's call in the forecast table and JSON, with the probabilities of the same file without it", async () => {
    const called = join(directory.path, 'ap', '20221108AL1005.json');
    const file = readJson(called) as CountFile;
    const uncalled = directory.write('uncalled.json', { ...file, releases: file.releases.map(({ call: _call, ...release }) => release) });
    const run = ['--seed', 'import', '--draws', '2000'];

    const table = await cli(['forecast', called, ...run], { tty: true });
    const withCall = ForecastSchema.parse(JSON.parse((await cli(['forecast', called, ...run])).stdout));
    const without = ForecastSchema.parse(JSON.parse((await cli(['forecast', uncalled, ...run])).stdout));

    expect(table.stdout).toContain("Race call: AP called it for Bob Jones at 2022-11-09T03:15:00Z (the probabilities above are the model's own)");
    expect(withCall.call).toEqual({ candidate: '8002', by: 'AP', at: '2022-11-09T03:15:00Z' });
    expect(without.call).toBeUndefined();
    expect(JSON.stringify(withCall.candidates)).toBe(JSON.stringify(without.candidates));
    expect(JSON.stringify(withCall.margin)).toBe(JSON.stringify(without.margin));
  });

  it('shows the call in the replay timeline from the release it was made', async () => {
    const result = await cli(['replay', join(directory.path, 'ap', '20221108AL1005.json'), '--seed', '1', '--draws', '500'], { tty: true });

    const lines = result.stdout.split('\n');
    expect(lines.find((line) => line.startsWith('#'))).toMatch(/Race call$/);
    expect(lines.filter((line) => line.trimEnd().endsWith('AP: Bob Jones')).map((line) => line.trim()[0])).toEqual(['5']);
  });

  it('exits 2 naming the file and field of a malformed feed, with no stack trace, and writes nothing', async () => {
    const response = readJson(fixturePaths('ap')[0]) as { races: { reportingUnits: { lastUpdated: unknown }[] }[] };
    response.races[0].reportingUnits[1].lastUpdated = 1667956920;
    const bad = directory.write('bad-ap.json', response);
    const out = join(directory.path, 'never');

    const result = await cli(['import', 'ap', bad, '--out', out]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`ballotcast: ${bad}: not an AP elections response\n`);
    expect(result.stderr).toContain('  races[0].reportingUnits[1].lastUpdated: expected an ISO 8601 date-time');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(() => readdirSync(out)).toThrow();
  });

  it('exits 2 naming the line and column of a bad CSV row', async () => {
    const text = readFileSync(fixturePaths('csv')[0], 'utf8').replace('1200,3000', '1,200,3000');
    const bad = directory.write('bad.csv', text);

    const result = await cli(['import', 'csv', bad, '--out', join(directory.path, 'never')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ballotcast: .*bad\.csv: not valid CSV: Invalid Record Length: .*line 2/);
  });

  it.each([
    ['no format', ['import'], /^ballotcast: import needs a feed format: ap, clarity or csv\n/],
    ['an unknown format', ['import', 'xml', 'a.xml', '--out', 'x'], /^ballotcast: import: unknown feed format "xml": expected ap, clarity or csv\n/],
    ['no source', ['import', 'ap', '--out', 'x'], /^ballotcast: import takes one or more feed files after the format\n/],
    ['no --out', ['import', 'ap', 'a.json'], /^ballotcast: import needs --out DIR: where to write the count files\n/],
    ['a bad --turnout', ['import', 'clarity', 'a.json', '--out', 'x', '--turnout', '60'], /^ballotcast: --turnout 60: expected a share above 0 and at most 1, e.g. 0.6\n/],
    ['a missing file', ['import', 'ap', 'no-such-file.json', '--out', 'x'], /^ballotcast: no-such-file\.json: cannot read: ENOENT\n/],
    ['--turnout for AP', ['import', 'ap', 'a.json', '--out', 'x', '--turnout', '0.5'], /^ballotcast: --turnout applies to clarity only: ap feeds give their own estimates\n/],
  ])('exits 2 for %s', async (_name, argv, message) => {
    const result = await cli(argv);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
