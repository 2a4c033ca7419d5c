import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { CORPUS, next, race, RACE, releases, TIMES, type BadRequest } from './bad-requests-corpus.ts';
import { sampleRelease, STACK_HOOK_TIMEOUT_MS, useLocalStack } from './local-stack-fixture.ts';

// A corpus of bad requests (issue 12), sent over HTTP to the local API server on DynamoDB Local and s3rver.
// Each must get the 4xx in its row, with an error body whose message or issues match the row's pattern (the
// field, or the limit, to change), and must leave every item of the table and every object of the bucket as
// it was. A handler that crashed would answer 500, so the exact status also proves that none did.

/** Sends a request with the path exactly as written (fetch would normalise "..", and some escapes). */
function send(base: string, row: BadRequest, token: string): Promise<{ status: number; text: string }> {
  const value = typeof row.body === 'function' ? (row.body as () => unknown)() : row.body;
  const body = value === undefined ? undefined : row.raw === true ? (value as string) : JSON.stringify(value);
  const authorization = row.token === null ? {} : { authorization: `Bearer ${row.token ?? token}` };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${base}${row.path}`, { method: row.method, path: row.path, headers: { 'content-type': 'application/json', ...authorization } }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('a corpus of bad requests through the HTTP API on the local stack', () => {
  const stack = useLocalStack();
  let pipeline: LocalPipeline;
  let server: { url: string; close: () => Promise<void> };
  const token = randomBytes(8).toString('hex');

  /** Every item of the table and every object of the bucket, with its ETag: what a bad request must not change. */
  async function everythingStored(): Promise<unknown> {
    const client = DynamoDBDocumentClient.from(stack().dynamoClient);
    const items: unknown[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: stack().tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const listing = await stack().s3Client.send(new ListObjectsV2Command({ Bucket: stack().bucketName }));
    const objects = (listing.Contents ?? []).map((object) => `${object.Key} ${object.ETag}`).sort();
    const keyOf = (item: any) => `${item.PK} ${item.SK}`;
    return { items: items.sort((a, b) => keyOf(a).localeCompare(keyOf(b))), objects };
  }

  let before: unknown;

  beforeAll(async () => {
    pipeline = buildLocalPipeline(stack());
    server = await startLocalApiServer(pipeline.routes, token);
    const created = await send(server.url, { name: 'setup', method: 'PUT', path: `/races/${RACE}`, body: race(), status: 201, says: /./ }, token);
    expect(created.status, created.text).toBe(201);
    for (const [index, asOf] of TIMES.entries()) {
      const posted = await send(server.url, { name: 'setup', method: 'POST', path: releases, body: sampleRelease(asOf, index + 1), status: 201, says: /./ }, token);
      expect(posted.status, posted.text).toBe(201);
    }
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);
    before = await everythingStored();
  }, STACK_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
  });

  it('holds at least 100 bad requests, each named once', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CORPUS.map((row) => row.name)).size).toBe(CORPUS.length);
  });

  it('starts from a race with two releases and a published forecast', async () => {
    const stored = before as { items: { SK: string }[]; objects: string[] };
    expect(stored.items.filter((item) => item.SK.startsWith('RELEASE#'))).toHaveLength(2);
    expect(stored.objects.some((object) => object.startsWith(`races/${RACE}/latest.json `))).toBe(true);
  });

  it('serves a published object by its exact key (so the public rows above fail for their path, not for want of objects)', async () => {
    const read = (path: string) => send(server.url, { name: 'read', method: 'GET', path, status: 200, says: /./ }, token);
    const latest = await read(`/public/races/${RACE}/latest.json`);
    expect(latest.status, latest.text).toBe(200);
    expect(JSON.parse(latest.text)).toMatchObject({ raceId: RACE });
    expect((await read('/public/index.json')).status).toBe(200);
  });

  it.each(CORPUS.map((row) => [row.name, row] as const))('%s: a 4xx naming what to change, and nothing stored', async (_name, row) => {
    const response = await send(server.url, row, token);
    expect(response.status, response.text).toBe(row.status);
    const error = JSON.parse(response.text).error;
    expect(error.status).toBe(row.status);
    expect([error.message, ...(error.issues ?? [])].join('\n')).toMatch(row.says);
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);
    expect(await everythingStored()).toEqual(before);
  });

  it('still takes the next good release after all of them', async () => {
    const posted = await send(server.url, { name: 'good', method: 'POST', path: releases, body: next(), status: 201, says: /./ }, token);
    expect(posted.status, posted.text).toBe(201);
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);
  });
});
