import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { LocalApiClient } from '../../../local/api-client.ts';
import { freePort } from '../../../local/managed-process.ts';
import { REPO_ROOT } from '../../cli/cli-harness.ts';

/** A running `npm run dev`: its process, its output so far, and a client of its API. */
export interface DevProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly api: LocalApiClient;
}

/** `npm run dev -- ARGS` as a child process, with its output kept, ready once it says how to stop it. */
export async function startDev(port: number, args: readonly string[], token: string): Promise<DevProcess> {
  const { NODE_OPTIONS: _ignored, ...environment } = process.env;
  // Through --import tsx, not tsx's CLI: its parent process relays Ctrl-C to the script, and kills the script
  // if that takes it over 30 ms, which a busy machine exceeds; a terminal's Ctrl-C reaches the script itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...environment, PORT: String(port), BALLOTCAST_LOCAL_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  const dev = { child, output: () => text, api: new LocalApiClient(`http://127.0.0.1:${port}`, token) };
  await waitForOutput(dev, 'Ctrl-C stops the servers');
  return dev;
}

/** Resolves once the output holds `marker`; throws with the output if the process ends or 120 s pass first. */
export async function waitForOutput(dev: Pick<DevProcess, 'child' | 'output'>, marker: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!dev.output().includes(marker)) {
    if (dev.child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run dev never said "${marker}":\n${dev.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Ctrl-C, as a person stops it; resolves with the exit code. */
export function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/** `npm run dev -- ARGS` expected to stop at once: its exit code and stderr. */
export async function devRefusal(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const run = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dev.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(await freePort()) },
  });
  let stderr = '';
  run.stderr?.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
  return { code, stderr };
}
