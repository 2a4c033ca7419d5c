import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runKeyAtEnd } from '../../core/pipeline/published-keys.ts';
import { UsageError } from '../usage-error.ts';

/** Where published objects are read from: the published root, however it is reached. */
export interface PublishedSource {
  /** The published run named on the command line. */
  readonly runKey: string;
  /** Reads an object by its key relative to the published root (e.g. `races/x/inputs/sha256:….json`). */
  read(key: string): Promise<string>;
}

/**
 * Opens a published run given as a file path, an http(s):// URL or an s3://bucket/key URI. The published
 * root is everything before `races/…/runs/…`, so a run's input is found beside it whatever the root is.
 */
export function openPublishedSource(location: string, options: { endpoint?: string } = {}): PublishedSource {
  const path = location.split('?')[0];
  const runKey = runKeyAtEnd(path)?.key;
  if (runKey === undefined) throw new UsageError(`${location}: expected a published run, …/races/{raceId}/runs/{runId}.json`);
  const root = path.slice(0, path.length - runKey.length);
  if (location.startsWith('s3://')) return s3Source(root, runKey, options.endpoint);
  if (/^https?:\/\//.test(location)) return httpSource(root, runKey);
  return { runKey, read: (key) => readLocal(join(root === '' ? '.' : root, key)) };
}

async function readLocal(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function httpSource(root: string, runKey: string): PublishedSource {
  return {
    runKey,
    async read(key) {
      const url = `${root}${key.split('/').map(encodeURIComponent).join('/')}`;
      const response = await fetch(url).catch((error: Error) => {
        throw new UsageError(`${url}: cannot fetch: ${error.message}`);
      });
      if (!response.ok) throw new UsageError(`${url}: HTTP ${response.status}`);
      return response.text();
    },
  };
}

/**
 * Reads from S3 with the usual AWS credentials; an endpoint (e.g. the local s3rver) uses path-style URLs.
 * The SDK is imported on the first read, so that the other commands do not load it at start-up.
 */
function s3Source(root: string, runKey: string, endpointOption: string | undefined): PublishedSource {
  const [bucket, ...prefixParts] = root.slice('s3://'.length).split('/');
  const prefix = prefixParts.join('/');
  const endpoint = endpointOption ?? process.env.AWS_ENDPOINT_URL_S3;
  let opened: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: import('@aws-sdk/client-s3').S3Client }> | undefined;
  const open = async () => {
    const sdk = await import('@aws-sdk/client-s3');
    const client = new sdk.S3Client({
      region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
    });
    return { sdk, client };
  };
  return {
    runKey,
    async read(key) {
      const { sdk, client } = await (opened ??= open());
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: `${prefix}${key}` }));
        return (await object.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        throw new UsageError(`s3://${bucket}/${prefix}${key}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    },
  };
}
