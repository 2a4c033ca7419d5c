import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ForecastSchema } from '../../core/schemas/index.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli, type CliResult, GENERAL, hasStackTrace, REPO_ROOT, temporaryDirectory } from './cli-harness.ts';

/** Runs bin/ballotcast.mjs in a fresh Node process, with stdout and stderr piped, as a script would. */
function runBin(args: readonly string[], extraEnvironment: Record<string, string> = {}): Promise<CliResult> {
  // Leave out NODE_OPTIONS so that nothing the test runner set leaks into the user's process.
  const { NODE_OPTIONS: _ignored, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _set, ...rest } = process.env;
  const environment = { ...rest, ...extraEnvironment };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/ballotcast.mjs', ...args],
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

  it('prints the forecast JSON through a pipe, byte for byte what runCli prints', async () => {
    const args = ['forecast', 'examples/la-mayor-2022-general.json', '--seed', '7', '--draws', '1000'];

    const result = await runBin(args);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(ForecastSchema.safeParse(JSON.parse(result.stdout)).success).toBe(true);
    const inProcess = await cli(['forecast', GENERAL, '--seed', '7', '--draws', '1000']);
    expect(result.stdout).toBe(inProcess.stdout);
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
