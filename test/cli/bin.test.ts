import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticRace } from '../../bench/synthetic-race.ts';
import { DEFAULT_THREADING_THRESHOLD } from '../../runtime/run-forecasts.ts';
import { ForecastSchema } from '../../core/schemas/index.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli, type CliResult, GENERAL, hasStackTrace, REPO_ROOT, temporaryDirectory } from './cli-harness.ts';

/**
 * Runs bin/ballotcast.mjs (or another copy of it) in a fresh Node process, with stdout and stderr piped, as
 * a script would. It starts the bundle in dist/, which the global setup has just built.
 */
function runBin(args: readonly string[], extraEnvironment: Record<string, string> = {}, bin = 'bin/ballotcast.mjs'): Promise<CliResult> {
  // Leave out NODE_OPTIONS so that nothing the test runner set leaks into the user's process.
  const { NODE_OPTIONS: _ignored, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _set, ...rest } = process.env;
  const environment = { ...rest, ...extraEnvironment };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: REPO_ROOT, env: environment, encoding: 'utf8', timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) reject(error ?? new Error('no exit code'));
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('bin/ballotcast.mjs, run as a user would', () => {
  const directory = temporaryDirectory();
  afterAll(() => directory.remove());

  it('stops quietly, exit 0, when the reader closes the pipe early (`| head`)', async () => {
    // Ten replays print about 900 kB, far more than a pipe holds, so the writer is still writing when we close.
    const files = Array.from({ length: 10 }, () => GENERAL);
    const child = spawn(process.execPath, ['bin/ballotcast.mjs', 'replay', ...files, '--seed', '7', '--draws', '200', '--json'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // Read the first chunk, then close our end, as `head -c 10` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('prints the forecast JSON through a pipe, byte for byte what runCli prints', async () => {
    const args = ['forecast', 'examples/la-mayor-2022-general.json', '--seed', '7', '--draws', '1000'];

    const result = await runBin(args);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(ForecastSchema.safeParse(JSON.parse(result.stdout)).success).toBe(true);
    const inProcess = await cli(['forecast', GENERAL, '--seed', '7', '--draws', '1000']);
    expect(result.stdout).toBe(inProcess.stdout);
  });

  it('runs plain JavaScript: neither bin nor the bundle loads tsx', () => {
    for (const file of ['bin/ballotcast.mjs', 'dist/ballotcast.mjs', 'dist/simulate-worker.mjs']) {
      expect(readFileSync(join(REPO_ROOT, file), 'utf8'), file).not.toMatch(/["']tsx(\/[^"']*)?["']/);
    }
  });

  it('gives the same bytes on 2 threads (the bundled worker) as on 1 and as in process, above the threshold', async () => {
    // 1,000 open units at this many draws reach the threshold, so --threads 2 starts dist/simulate-worker.mjs.
    const draws = String(Math.ceil(DEFAULT_THREADING_THRESHOLD / 1000));
    const path = directory.write('synthetic-1000x2.json', syntheticRace(1000, 2));
    const args = ['forecast', path, '--seed', 'bundle', '--draws', draws];

    const twoThreads = await runBin([...args, '--threads', '2']);
    const oneThread = await runBin([...args, '--threads', '1']);

    expect(twoThreads.stderr).toBe('');
    expect(twoThreads.code).toBe(0);
    expect(twoThreads.stdout).toBe(oneThread.stdout);
    expect(twoThreads.stdout).toBe((await cli([...args, '--threads', '1'])).stdout);
  });

  it('says how to build the CLI, and exits 1, when dist/ is missing', async () => {
    // A copy of bin/ in a folder with no dist/ beside it.
    mkdirSync(join(directory.path, 'unbuilt/bin'), { recursive: true });
    const bin = join(directory.path, 'unbuilt/bin/ballotcast.mjs');
    copyFileSync(join(REPO_ROOT, 'bin/ballotcast.mjs'), bin);

    const result = await runBin(['--help'], {}, bin);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'ballotcast: the CLI is not built (dist/ballotcast.mjs is missing).\n  Build it with `npm run build` in the ballotcast checkout (`npm ci` builds it too).\n',
    );
  });

  it('exits 2 and lists path: reason lines on stderr for an invalid count file', async () => {
    const file = structuredClone(exampleCountFile('la-mayor-2022-general'));
    (file.releases[0].units[0].counted as Record<string, number>).bass = -1;
    const path = directory.write('negative.json', file);

    const result = await runBin(['validate', path]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ballotcast: ${path}: not a valid count file\n  releases[0].units[0].counted.bass: expected a whole number >= 0\n`,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  // The SDK warns only below Node 22, so only there can this test fail.
  it.runIf(Number(process.versions.node.split('.')[0]) < 22)("prints no AWS SDK warning about Node 22 for rerun s3://", async () => {
    // An S3 endpoint that answers every request 404 at once, so that the SDK neither retries nor waits.
    const server = createServer((_request, response) => response.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const result = await runBin(['rerun', 's3://bucket/races/x/runs/r000001-a.json', '--endpoint', endpoint], {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    }).finally(() => server.close());

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ballotcast: s3:\/\/bucket\/races\/x\/runs\/r000001-a\.json: NoSuchKey/);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|require node >=22/);
  });
});
