import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

// The processes of the local stack: each server runs as a child whose stdin is its lifeline, and every
// live stack is stopped on exit and on signals, so no server outlives the process that started it.

// ---------------------------------------------------------------------------------------------------
// Processes

/** A child process with its stdin held open (its lifeline), its output kept for error messages. */
export class ManagedProcess {
  private readonly child: ChildProcess;
  private text = '';
  private readonly messages: Record<string, unknown>[] = [];
  private readonly listeners = new Set<() => void>();
  /** The server's own pid, when it runs under the supervisor. */
  private serverPid: number | undefined;
  readonly exited: Promise<void>;
  exitDescription: string | undefined;

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
  ) {
    this.child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    let pending = '';
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.take(line);
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.keep(chunk));
    // Our end of the lifeline must not keep this process alive, nor fail it when the child is gone.
    this.child.stdin?.on('error', () => undefined);
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
    this.child.unref();
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.exitDescription = `could not be started: ${error.message}`;
        this.notify();
        resolve();
      });
      this.child.on('exit', (code, signal) => {
        this.exitDescription ??= `exited with ${signal ?? `code ${String(code)}`}`;
        this.notify();
        resolve();
      });
    });
  }

  /** The last few kilobytes of what the process printed. */
  output(): string {
    return this.text;
  }

  get running(): boolean {
    return this.exitDescription === undefined;
  }

  /** Resolves with the first JSON line that has `key`; rejects if the process exits or time runs out. */
  async waitForMessage(key: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((message) => key in message);
      if (found !== undefined) return found;
      if (!this.running) throw this.failure();
      if (Date.now() > deadline) throw this.failure(`did not start within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => resolve();
        this.listeners.add(wake);
        setTimeout(() => {
          this.listeners.delete(wake);
          resolve();
        }, 50);
      });
    }
  }

  failure(reason = this.exitDescription ?? 'failed'): Error {
    const output = this.text.trim();
    return new Error(`${this.name} ${reason}${output ? `; its output:\n${output}` : ''}`);
  }

  /** Asks the process to stop, now and synchronously (for exit and signal handlers). */
  killNow(): void {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    this.child.stdin?.destroy();
  }

  /** Stops the process and waits for it; after `graceMs`, kills it and the server under it outright. */
  async stop(graceMs = 5_000): Promise<void> {
    this.killNow();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    if ((await Promise.race([this.exited, late])) === 'late') {
      for (const pid of [this.serverPid, this.child.pid]) {
        try {
          if (pid !== undefined) process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await this.exited;
    }
    clearTimeout(timer);
  }

  private take(line: string): void {
    if (line.startsWith('{')) {
      try {
        const message = JSON.parse(line) as Record<string, unknown>;
        if (typeof message.pid === 'number') this.serverPid = message.pid;
        this.messages.push(message);
        this.notify();
        return;
      } catch {
        // not one of ours; keep it as output
      }
    }
    this.keep(`${line}\n`);
  }

  private keep(chunk: string): void {
    this.text = (this.text + chunk).slice(-4_000);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }
}

/** Stops a stack's processes and clients and removes its directory, once; also on exit and signals. */
export class Cleanup {
  readonly clients: { destroy(): void }[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly root: string,
    private readonly processes: readonly ManagedProcess[],
    /** Run last, once the processes are gone (e.g. to give up a data directory's lock). */
    private readonly release: () => void = () => undefined,
  ) {
    liveStacks.add(this);
    installProcessHandlers();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const client of this.clients) client.destroy();
      await Promise.all(this.processes.map((managed) => managed.stop()));
      rmSync(this.root, { recursive: true, force: true });
      this.release();
      liveStacks.delete(this);
      if (liveStacks.size === 0) removeProcessHandlers();
    })();
    return this.stopping;
  }

  /** Synchronous: for 'exit' and signal handlers, where nothing asynchronous will run. */
  stopNow(): void {
    for (const managed of this.processes) managed.killNow();
    rmSync(this.root, { recursive: true, force: true });
    this.release();
  }
}

const liveStacks = new Set<Cleanup>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let handlersInstalled = false;

function stopAllNow(): void {
  for (const stack of liveStacks) stack.stopNow();
}

/** Stops every live stack, then lets the signal do what it would have done had we not listened. */
function onSignal(signal: NodeJS.Signals): void {
  stopAllNow();
  removeProcessHandlers();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installProcessHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', stopAllNow);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function removeProcessHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', stopAllNow);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until anything answers HTTP at `endpoint` (DynamoDB Local answers a bare GET with 400). */
export async function waitForHttp(endpoint: string, server: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.running) throw server.failure();
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw server.failure(`did not answer at ${endpoint} within ${timeoutMs} ms`);
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
}

/** The environment for the servers, without Node options meant for this process (e.g. tsx's loader). */
export function childEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
  return env;
}
