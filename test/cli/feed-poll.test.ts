import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLARITY_LIVE, SITE_PATH, VERSIONS } from '../feeds/clarity-live-fixtures.ts';
import { cli, hasStackTrace, temporaryDirectory } from './cli-harness.ts';
import { PINE_NIGHT_POLLS, pineNight, startFeedServer } from '../fixtures/feed-night-server.ts';

const AP_URL = 'https://api.ap.org/v2/elections/2022-11-08?level=ru';

describe('ballotcast watch and record: bad usage exits 2, naming the argument, before any request', () => {
  it.each([
    [['watch'], /watch needs a feed format: ap or clarity/],
    [['watch', 'csv', AP_URL, '--api', 'http://127.0.0.1:3000'], /unknown feed format "csv": expected ap or clarity/],
    [['watch', 'ap', '--api', 'http://127.0.0.1:3000'], /watch needs the feed's URL after the format/],
    [['watch', 'ap', 'ftp://feed', '--api', 'http://127.0.0.1:3000'], /URL: expected an http\(s\) URL/],
    [['watch', 'ap', AP_URL], /watch needs --api URL/],
    [['watch', 'ap', AP_URL, '--api', 'nowhere'], /--api nowhere: expected an http\(s\) URL/],
    [['watch', 'ap', AP_URL, '--api', 'http://127.0.0.1:3000', '--every', '1'], /--every: ap feeds are polled at most every 5 s; got 1/],
    [['record', 'clarity', 'https://results.example/IL/Lake/1/', '--dir', '/tmp/x', '--every', '10'], /--every: clarity feeds are polled at most every 30 s; got 10/],
    [['record', 'ap', AP_URL, '--dir', '/tmp/x', '--report', 'a.json'], /--report applies to clarity feeds only/],
    [['record', 'ap', AP_URL], /record needs --dir DIR/],
    [['record', 'ap', AP_URL, '--dir', '/tmp/x', '--max-polls', '0'], /--max-polls 0: expected a whole number >= 1/],
    [['record', 'ap', AP_URL, '--dir', '/tmp/x', '--until', 'tomorrow'], /--until tomorrow: expected an ISO 8601 date-time with an offset/],
    [['record', 'ap', AP_URL, '--dir', '/tmp/x', '--timeout', '-1'], /--timeout -1: expected a number of seconds above 0/],
  ])('%j', async (argv, message) => {
    const result = await cli(argv);

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('stops with exit 2 when the feed refuses the key, saying so', async () => {
    const server = await startFeedServer(() => ({ '/v2/elections': [{ status: 401, body: '{"errorMessage":"Invalid apikey"}' }] }));
    try {
      const result = await cli(['watch', 'ap', `${server.url}/v2/elections`, '--api', 'http://127.0.0.1:9', '--every', '0.05']);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/HTTP 401: .*Invalid apikey/);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('ballotcast record clarity, of a live site', () => {
  it('saves each new version\'s detailxml.zip in base64, which import reads back into the night of the XML', async () => {
    const server = await startFeedServer(pineNight());
    const dir = temporaryDirectory('ballotcast-record-clarity-');
    try {
      const recorded = await cli(['record', 'clarity', `${server.url}${SITE_PATH}`, '--dir', dir.path, '--every', '0.05', '--max-polls', String(PINE_NIGHT_POLLS)]);

      expect(recorded.code, recorded.stderr).toBe(0);
      const files = readdirSync(dir.path).sort().map((name) => join(dir.path, name));
      expect(files).toHaveLength(3);
      const saved = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
      expect(saved.map(({ encoding, contentType, url }) => [encoding, contentType, new URL(url).pathname])).toEqual(
        VERSIONS.map((version) => ['base64', 'application/zip', `${SITE_PATH}${version}/reports/detailxml.zip`]),
      );
      const fromRecording = await cli(['import', 'clarity', ...files, '--out', join(dir.path, 'recorded')]);
      const fromXml = await cli(['import', 'clarity', ...VERSIONS.map((version) => join(CLARITY_LIVE, `v${version}-detail.xml`)), '--out', join(dir.path, 'xml')]);
      expect(fromRecording.code, fromRecording.stderr).toBe(0);
      for (const name of ['Pine-1.json', 'Pine-2.json']) {
        expect(readFileSync(join(dir.path, 'recorded', name), 'utf8')).toBe(readFileSync(join(dir.path, 'xml', name), 'utf8'));
      }
      expect(fromXml.code).toBe(0);
    } finally {
      await server.close();
      dir.remove();
    }
  });
});
