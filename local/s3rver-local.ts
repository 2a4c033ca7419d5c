import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, makeS3Client } from './clients.ts';
import { childEnv, ManagedProcess } from './managed-process.ts';

// s3rver for the local stack, in a child Node process of its own.


/**
 * Runs s3rver in its own Node process with the legacy OpenSSL provider (its ListObjectsV2 continuation
 * tokens use DES, which Node 20's OpenSSL 3 refuses otherwise), on port 0 of 127.0.0.1, in `directory`,
 * resetting and removing it on close. The child prints the port it got.
 */
export async function startS3rver(directory: string, timeoutMs: number, processes: ManagedProcess[], region: string): Promise<string> {
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
