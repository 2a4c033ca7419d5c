import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portProblem } from '../../../scripts/dev/port-problem.ts';
import { hasStackTrace, REPO_ROOT } from '../../cli/cli-harness.ts';

/** A server holding a loopback port, as a first `npm run dev` would. */
function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

/** Runs scripts/dev.ts as `npm run dev` does (through tsx), with PORT set; it must exit by itself. */
function runDev(port: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { NODE_OPTIONS: _ignored, ...environment } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dev.ts'],
      { cwd: REPO_ROOT, env: { ...environment, PORT: port }, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    );
  });
}

describe('npm run dev on a port that is taken', () => {
  let held: { server: Server; port: number };
  beforeAll(async () => (held = await holdPort()));
  afterAll(() => new Promise<void>((resolve) => held.server.close(() => resolve())));

  it('says the port is taken and how to pick another, exits 1, and prints no stack trace', async () => {
    const result = await runDev(String(held.port));

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `npm run dev: port ${held.port} on 127.0.0.1 is taken (another npm run dev, or another server, is listening there).\n` +
        `Stop it, or pick another port: PORT=${held.port + 1} npm run dev\n`,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
    // It stopped before starting the local stack.
    expect(result.stdout).not.toContain('ballotcast dev server');
  });

  it('refuses a PORT that is not a port', async () => {
    expect(await portProblem('abc', 3000)).toBe('PORT=abc is not a port: expected a whole number from 1 to 65535, e.g. PORT=3001 npm run dev');
    expect(await portProblem('0', 3000)).toMatch(/^PORT=0 is not a port/);
  });

  it('finds nothing wrong with a free port', async () => {
    const { server, port } = await holdPort();
    await new Promise<void>((resolve) => server.close(() => resolve()));

    expect(await portProblem(String(port), 3000)).toBeUndefined();
  });
});
