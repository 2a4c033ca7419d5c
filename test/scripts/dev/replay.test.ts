import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/managed-process.ts';
import { FEED_FIXTURES } from '../../feeds/feed-fixtures.ts';
import { devRefusal, interrupt, startDev, waitForOutput } from './dev-process.ts';

const TOKEN = 'dev-replay-test-token';
const AP = `${FEED_FIXTURES}ap`;

describe('npm run dev -- --replay DIR', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves a recorded night through the pipeline in time order, then stays up', { timeout: 300_000 }, async () => {
    // 2 hours 10 minutes of feed at 100,000 times: under a tenth of a second of waiting.
    const dev = await startDev(await freePort(), ['--replay', AP, '--speed', '100000'], TOKEN);
    children.push(dev.child);
    await waitForOutput(dev, '--replay: done');

    const posted = dev.output().split('\n').filter((line) => / release \d of \d: HTTP/.test(line));
    expect(posted).toEqual([
      '--replay: 2022-11-09T01:02:00Z 20221108AL1005 release 1 of 5: HTTP 201',
      '--replay: 2022-11-09T01:31:00Z 20221108AL1005 release 2 of 5: HTTP 201',
      '--replay: 2022-11-09T01:33:00Z 20221108AL1010 release 1 of 2: HTTP 201',
      '--replay: 2022-11-09T02:08:00Z 20221108AL1005 release 3 of 5: HTTP 201',
      '--replay: 2022-11-09T02:09:00Z 20221108AL1010 release 2 of 2: HTTP 201',
      '--replay: 2022-11-09T02:37:00Z 20221108AL1005 release 4 of 5: HTTP 201',
      '--replay: 2022-11-09T03:12:00Z 20221108AL1005 release 5 of 5: HTTP 201',
    ]);
    const history = await dev.api.readPublic('races/20221108AL1005/history.json');
    expect(history.points.map((point: { asOf: string }) => point.asOf)).toEqual(posted.filter((line) => line.includes('AL1005')).map((line) => line.split(' ')[1]));
    expect(await dev.api.readPublic('races/20221108AL1005/latest.json')).toMatchObject({ call: { candidate: '8002', by: 'AP' } });
    // Still up after the replay, as npm run dev always is, until Ctrl-C.
    expect((await dev.api.send('GET', '/races/20221108AL1010/runs/r000001-none')).status).toBe(404);
    expect(await interrupt(dev.child)).toBe(0);
  });

  it.each([
    [['--replay'], '--replay needs a folder of recorded feed snapshots, e.g. npm run dev -- --replay examples/recordings/la-mayor-2022-ap --speed 3600'],
    [['--speed', '60'], '--speed goes with --replay DIR, e.g. npm run dev -- --replay examples/recordings/la-mayor-2022-ap --speed 3600'],
    [['--format', 'ap'], '--format goes with --replay DIR, e.g. npm run dev -- --replay examples/recordings/la-mayor-2022-ap --speed 3600'],
    [['--replay', AP, '--speed', '0'], '--speed 0: expected how many times faster than it happened, a number above 0, e.g. --speed 60 (an hour a minute)'],
    [['--replay', AP, '--speed=fast'], '--speed fast: expected how many times faster than it happened, a number above 0, e.g. --speed 60 (an hour a minute)'],
    [['--replay', AP, '--format', 'xml'], '--format xml: expected ap, clarity or csv'],
    [['--replay', AP, '--play'], '--replay and --play go one at a time: --play posts the LA example, --replay a recording'],
    [['--replay', 'no-such-folder'], 'no-such-folder: no such folder; --replay and --recording take a folder of recorded feed snapshots'],
    [['--replay', 'package.json'], 'package.json: not a folder; --replay and --recording take a folder of recorded feed snapshots'],
    [['--replay', 'docs/images'], 'docs/images: no .json or .csv files of recorded feed snapshots in it'],
  ])('refuses %j before starting anything, with exit 2', { timeout: 60_000 }, async (args, message) => {
    expect(await devRefusal(args)).toEqual({ code: 2, stderr: `npm run dev: ${message}\n` });
  });

  it('says when the feed cannot be told from the bodies, or the recording is not of the feed named', { timeout: 60_000 }, async () => {
    const mixed = await devRefusal(['--replay', `${FEED_FIXTURES}..`]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^npm run dev: cannot tell the feed of the recording: .*\n {2}name it with --format ap, clarity or csv\n$/);

    const wrong = await devRefusal(['--replay', `${FEED_FIXTURES}clarity`, '--format', 'ap']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('01-lake-2045.json: not an AP elections response\n  electionDate: expected the election date as YYYY-MM-DD');
  });
});
