import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ForecastPublisher } from '../../functions/adapters/s3-forecast-publisher.ts';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline } from '../../local/pipeline.ts';
import { uniqueRaceId, useLocalStack } from './local-stack-fixture.ts';

const stack = useLocalStack();

/** Version `n` of a latest.json: sizes differ by kilobytes, so a truncated or mixed body cannot parse as one. */
function version(n: number): string {
  return `${JSON.stringify({ version: n, padding: 'x'.repeat(2_000 + ((n * 7_919) % 40_000)) }, null, 2)}\n`;
}

describe('the local public route while latest.json is rewritten', () => {
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    server = await startLocalApiServer(buildLocalPipeline(stack()).routes, 'token');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers every poll with the old object or the new one, never a part', async () => {
    const raceId = uniqueRaceId('torn');
    const publisher = new S3ForecastPublisher({ client: stack().s3Client, bucketName: stack().bucketName });
    const written = new Set<string>([version(0)]);
    await publisher.putLatest(raceId, version(0));
    let writing = true;

    const writer = async (first: number) => {
      for (let n = first; n < first + 60; n += 1) {
        written.add(version(n));
        await publisher.putLatest(raceId, version(n));
      }
    };
    const bodies: { status: number; body: string; etag: string | null }[] = [];
    const reader = async () => {
      while (writing) {
        const response = await fetch(`${server.url}/public/races/${raceId}/latest.json`);
        bodies.push({ status: response.status, body: await response.text(), etag: response.headers.get('etag') });
      }
    };

    const readers = Array.from({ length: 6 }, reader);
    // Three writers at once, as three runs' putLatest can overlap in AWS.
    await Promise.all([writer(1), writer(1_001), writer(2_001)]);
    writing = false;
    await Promise.all(readers);

    expect(bodies.length).toBeGreaterThan(100);
    const torn = bodies.filter(({ status, body }) => status !== 200 || !written.has(body));
    expect(torn.map(({ status, body }) => `${status}: ${body.length} bytes, ${body.slice(0, 40)}…${body.slice(-20)}`)).toEqual([]);
    // The ETag describes the body it came with, so a poll with If-None-Match never keeps a stale copy.
    const md5 = (body: string) => `"${createHash('md5').update(body).digest('hex')}"`;
    expect(bodies.filter(({ body, etag }) => etag !== md5(body))).toEqual([]);
  });
});
