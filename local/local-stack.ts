import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION, makeDynamoClient, makeS3Client } from './clients.ts';
import { ensureRaceTable } from './create-table.ts';
import { findJava, startDynamoLocal } from './dynamo-local.ts';
import { claimDataDir } from './data-dir.ts';
import { Cleanup, type ManagedProcess } from './managed-process.ts';
import { startS3rver } from './s3rver-local.ts';

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
  /**
   * Keep the servers' state in this directory (DynamoDB Local's database in `dynamodb/`, s3rver's files in
   * `s3/`), so that it survives a restart on the same directory. Default: in memory and a temporary
   * directory, gone when the stack stops. One stack at a time may use a directory.
   */
  readonly dataDir?: string;
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
  /** The directory that keeps the servers' state, if any (options.dataDir, resolved). */
  readonly dataDir?: string;
  /** Stops both servers, waits for them to exit and removes the temporary directory. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Amazon DynamoDB Local (in memory, or in options.dataDir; telemetry off) and s3rver, each on a free port reached at
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

  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const releaseDataDir = dataDir === undefined ? () => undefined : claimDataDir(dataDir);
  const root = mkdtempSync(join(tmpdir(), 'ballotcast-local-'));
  const processes: ManagedProcess[] = [];
  const cleanup = new Cleanup(root, processes, releaseDataDir);

  const timed = (endpoint: string) => ({ endpoint, ms: elapsed() });
  const dbPath = dataDir === undefined ? undefined : join(dataDir, 'dynamodb');
  if (dbPath !== undefined) mkdirSync(dbPath, { recursive: true });
  const [dynamo, s3] = await Promise.allSettled([
    startDynamoLocal(java, options.jvmArgs ?? DEFAULT_JVM_ARGS, root, timeoutMs, processes, dbPath).then(timed),
    startS3rver(join(dataDir ?? root, 's3'), timeoutMs, processes, region, dataDir !== undefined).then(timed),
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
    await Promise.all([ensureRaceTable(dynamoClient, tableName), ensureBucket(s3Client, bucketName)]);
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
    ...(dataDir === undefined ? {} : { dataDir }),
    stop: () => cleanup.stop(),
  };
}

/** Creates the bucket unless it exists already (a persisted s3rver directory). */
async function ensureBucket(client: S3Client, bucketName: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }));
  } catch (error) {
    if ((error as Error).name !== 'NotFound' && (error as Error).name !== 'NoSuchBucket') throw error;
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  }
}

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
