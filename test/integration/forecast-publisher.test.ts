import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3ForecastPublisher } from '../../functions/adapters/s3-forecast-publisher.ts';
import { uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

const stack = useLocalStack();

function makePublisher(): S3ForecastPublisher {
  return new S3ForecastPublisher({ client: stack().s3Client, bucketName: stack().bucketName });
}

/** The object as a reader gets it: exact bytes and the headers that matter. */
async function readObject(key: string) {
  const response = await stack().s3Client.send(new GetObjectCommand({ Bucket: stack().bucketName, Key: key }));
  return {
    bytes: Buffer.from((await response.Body?.transformToByteArray()) ?? []),
    contentType: response.ContentType,
    cacheControl: response.CacheControl,
  };
}

/** JSON with characters outside ASCII, so a wrong encoding or added checksum framing would show. */
function jsonText(label: string): string {
  return `${JSON.stringify({ label, name: 'Zoë Ñúñez — “quoted”', emoji: '🗳️', share: 0.1 + 0.2 }, null, 2)}\n`;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const LIVE = 'public, max-age=10, stale-while-revalidate=30';

describe('S3ForecastPublisher', () => {
  const raceId = uniqueRaceId('publish');
  const cases: { name: string; key: string; cacheControl: string; write: (publisher: S3ForecastPublisher, json: string) => Promise<void> }[] = [
    { name: 'a run', key: `races/${raceId}/runs/run-7.json`, cacheControl: IMMUTABLE, write: (p, json) => p.putRun(raceId, 'run-7', json) },
    { name: 'latest', key: `races/${raceId}/latest.json`, cacheControl: LIVE, write: (p, json) => p.putLatest(raceId, json) },
    { name: 'history', key: `races/${raceId}/history.json`, cacheControl: LIVE, write: (p, json) => p.putHistory(raceId, json) },
    { name: 'the index', key: 'index.json', cacheControl: LIVE, write: (p, json) => p.putIndex(json) },
    { name: 'the schema', key: 'schema/forecast.v1.json', cacheControl: 'public, max-age=300', write: (p, json) => p.putSchema(json) },
    {
      name: 'an input',
      key: `races/${raceId}/inputs/sha256:abc123.json`,
      cacheControl: IMMUTABLE,
      write: (p, json) => p.putInput(raceId, 'sha256:abc123', json),
    },
  ];

  it.each(cases)('publishes $name at $key with its headers and exact bytes', async ({ key, cacheControl, write }) => {
    const json = jsonText(key);

    await write(makePublisher(), json);

    expect(await readObject(key)).toEqual({
      bytes: Buffer.from(json, 'utf8'),
      contentType: 'application/json; charset=utf-8',
      cacheControl,
    });
  });

  it('replaces latest.json when written again', async () => {
    const publisher = makePublisher();
    const id = uniqueRaceId('relatest');

    await publisher.putLatest(id, jsonText('first'));
    await publisher.putLatest(id, jsonText('second'));

    expect((await readObject(`races/${id}/latest.json`)).bytes.toString('utf8')).toBe(jsonText('second'));
  });

  it('writes an input once: a second write of the same hash leaves the object alone', async () => {
    const publisher = makePublisher();
    const id = uniqueRaceId('input');
    const key = `races/${id}/inputs/sha256:feed.json`;

    await publisher.putInput(id, 'sha256:feed', jsonText('original'));
    const first = await stack().s3Client.send(new GetObjectCommand({ Bucket: stack().bucketName, Key: key }));
    await first.Body?.transformToByteArray();
    // Different bytes under the same hash can only be a caller's bug; they show whether a write happened.
    await publisher.putInput(id, 'sha256:feed', jsonText('rewritten'));

    const after = await stack().s3Client.send(new GetObjectCommand({ Bucket: stack().bucketName, Key: key }));
    expect(await after.Body?.transformToString('utf-8')).toBe(jsonText('original'));
    expect(after.ETag).toBe(first.ETag);
  });

  it('reads a published run back, and undefined for a run never published', async () => {
    const publisher = makePublisher();
    const id = uniqueRaceId('getrun');
    await publisher.putRun(id, 'run-1', jsonText('run 1'));

    expect(await publisher.getRun(id, 'run-1')).toBe(jsonText('run 1'));
    expect(await publisher.getRun(id, 'run-2')).toBeUndefined();
  });

  it('throws, rather than answering "no run", when the bucket does not exist', async () => {
    const publisher = new S3ForecastPublisher({ client: stack().s3Client, bucketName: 'no-such-bucket' });
    await expect(publisher.getRun('a', 'b')).rejects.toThrow(/bucket/i);
  });
});

describe('the local S3', () => {
  it('lists a bucket in pages (s3rver runs with the legacy OpenSSL provider)', async () => {
    const { s3Client, bucketName } = stack();
    const prefix = `paging-${uniqueRaceId('p')}/`;
    for (const name of ['a', 'b', 'c']) {
      await s3Client.send(new PutObjectCommand({ Bucket: bucketName, Key: `${prefix}${name}.json`, Body: '{}' }));
    }

    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3Client.send(
        new ListObjectsV2Command({ Bucket: bucketName, Prefix: prefix, MaxKeys: 1, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
      token = page.NextContinuationToken;
    } while (token !== undefined);

    expect(keys).toEqual(['a', 'b', 'c'].map((name) => `${prefix}${name}.json`));
  });
});
