import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, makeS3Client } from './clients.ts';
import { childEnv, ManagedProcess } from './managed-process.ts';

// s3rver for the local stack, in a child Node process of its own (local/s3rver-child.cjs).

const CHILD_SCRIPT = fileURLToPath(new URL('./s3rver-child.cjs', import.meta.url));


/**
 * Runs s3rver in its own Node process with the legacy OpenSSL provider (its ListObjectsV2 continuation
 * tokens use DES, which Node 20's OpenSSL 3 refuses otherwise), on port 0 of 127.0.0.1, in `directory`,
 * resetting and removing it on close unless `persist` is set. The child prints the port it got. Its store writes objects
 * atomically, as S3 does (see the child script for why s3rver's own does not).
 */
export async function startS3rver(directory: string, timeoutMs: number, processes: ManagedProcess[], region: string, persist = false): Promise<string> {
  mkdirSync(directory, { recursive: true });
  const modulePath = createRequire(import.meta.url).resolve('s3rver');
  const server = new ManagedProcess(
    's3rver',
    process.execPath,
    ['--openssl-legacy-provider', CHILD_SCRIPT, JSON.stringify({ modulePath, directory, persist })],
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
