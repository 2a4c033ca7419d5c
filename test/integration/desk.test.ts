import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForecastSchema, NightSummarySchema, type CountFile } from '../../core/schemas/index.ts';
import { LocalApiClient } from '../../local/api-client.ts';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { cli, temporaryDirectory } from '../cli/cli-harness.ts';
import { closeNight, TEST_NIGHT } from '../fixtures/night-races.ts';
import { useLocalStack } from './local-stack-fixture.ts';

// The desk's calls and overrides through the API (issue 14), over HTTP to the local dev server, stored in
// DynamoDB Local, run and published to the local S3 server.

const stack = useLocalStack();
const DRAWS = 2000;
const TOKEN = 'desk-token';
/** The identity the local server gives a request with the token, as API Gateway gives the IAM caller's ARN. */
const LOCAL_CALLER = 'arn:local:iam::000000000000:user/local';

describe('desk calls and overrides through the API', () => {
  let pipeline: LocalPipeline;
  let api: LocalApiClient;
  let close: () => Promise<void>;
  let baseUrl = '';
  const saved = { ...process.env };
  const folder = temporaryDirectory('ballotcast-desk-');
  const files = closeNight();

  const text = async (key: string) =>
    (await (await stack().s3Client.send(new GetObjectCommand({ Bucket: stack().bucketName, Key: key }))).Body?.transformToString('utf8')) ?? '';
  const latest = async (raceId: string) => ForecastSchema.parse(JSON.parse(await text(`races/${raceId}/latest.json`)));
  const settle = async () => {
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);
    expect(pipeline.jobQueue.failures).toEqual([]);
  };

  beforeAll(async () => {
    pipeline = buildLocalPipeline(stack(), { releaseDraws: DRAWS });
    const server = await startLocalApiServer(pipeline.routes, TOKEN);
    close = server.close;
    baseUrl = server.url;
    api = new LocalApiClient(server.url, TOKEN);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: stack().credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: stack().credentials.secretAccessKey, AWS_REGION: 'us-east-1' });
    for (const file of files) {
      expect((await api.send('PUT', `/races/${file.race.id}`, file.race)).status).toBe(201);
      expect((await api.send('POST', `/races/${file.race.id}/releases`, file.releases[0])).status).toBe(201);
    }
    await settle();
  });

  afterAll(async () => {
    process.env = saved;
    folder.remove();
    await close?.();
  });

  it('records a call by the caller at the API clock, reruns the race with the call beside its unchanged probabilities', async () => {
    const before = await latest('south');
    const response = await api.send('POST', '/races/south/calls', { candidate: 'd', note: 'the rest is Democratic territory' });
    await settle();
    const after = await latest('south');

    expect(response).toMatchObject({ status: 201, json: { status: 'stored', call: { candidate: 'd', by: LOCAL_CALLER, note: 'the rest is Democratic territory' }, run: { releaseIndex: 0 } } });
    expect((await pipeline.deps.store.getRace('south'))?.desk?.calls).toEqual([response.json.call]);
    expect(after.call).toEqual({ ...response.json.call, source: 'desk' });
    expect(after.candidates).toEqual(before.candidates);
    expect(after.inputHash).not.toBe(before.inputHash);
  });

  it('counts the called race as decided in summary.json, the same bytes as ballotcast night on the same files', async () => {
    const summary = NightSummarySchema.parse(JSON.parse(await text(`elections/${TEST_NIGHT.id}/summary.json`)));
    const south = summary.races.find((race) => race.raceId === 'south')!;
    expect(south.candidates.map((candidate) => candidate.seatProbability)).toEqual([1, 0]);
    expect(summary.calls?.calledRaces).toBe(1);

    for (const file of files) {
      const desk = (await pipeline.deps.store.getRace(file.race.id))?.desk;
      folder.write(`${file.race.id}.json`, { ...file, ...(desk === undefined ? {} : { desk }) } satisfies CountFile);
    }
    const night = await cli(['night', folder.path, '--seed', TEST_NIGHT.id, '--draws', String(DRAWS), '--json']);
    expect(night.stdout).toBe(await text(`elections/${TEST_NIGHT.id}/summary.json`));
  });

  it('records an override that the next run uses, and rerun reproduces that run from S3 byte for byte', async () => {
    const response = await api.send('POST', '/races/north/overrides', { unit: 'all', outstanding: { expected: 30_000, low: 25_000, high: 36_000 }, lean: { d: 0.4, r: 0.6 } });
    await settle();
    const forecast = await latest('north');
    const input = JSON.parse(await text(forecast.input!)) as CountFile;

    expect(response.status, JSON.stringify(response.json)).toBe(201);
    expect(forecast.votesOutstanding?.expected).toBe(30_000);
    expect(input.desk?.overrides).toEqual([response.json.override]);
    const stored = (await pipeline.deps.store.getRace('north'))?.published?.runId;
    const rerun = await cli(['rerun', `s3://${stack().bucketName}/races/north/runs/${stored}.json`, '--endpoint', stack().s3Endpoint]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/^Reproduced: byte-identical/m);
  });

  it('refuses bad entries with a 4xx naming the field, and stores nothing', async () => {
    const desk = (raceId: string) => pipeline.deps.store.getRace(raceId).then((stored) => stored?.desk);
    const before = await desk('east');

    expect(await api.send('POST', '/races/east/calls', { candidate: 'zz' })).toMatchObject({ status: 400, json: { error: { issues: [expect.stringMatching(/^candidate: unknown candidate "zz"/)] } } });
    expect(await api.send('POST', '/races/east/calls', { candidate: 'd', by: 'me' })).toMatchObject({ status: 400, json: { error: { issues: [expect.stringMatching(/Unrecognized key: "by"/)] } } });
    expect(await api.send('POST', '/races/east/overrides', { unit: 'nowhere', lean: { d: 0.5, r: 0.5, i: 0 } })).toMatchObject({
      status: 400,
      json: { error: { issues: [expect.stringMatching(/^unit: unknown unit "nowhere"/)] } },
    });
    expect(await api.send('POST', '/races/east/overrides', { unit: 'all', lean: { d: 0.5, r: 0.6, i: 0 } })).toMatchObject({
      status: 400,
      json: { error: { issues: ['lean: expected shares summing to 1, got 1.1'] } },
    });
    expect(await api.send('POST', '/races/east/overrides', { unit: 'all' })).toMatchObject({ status: 400 });
    expect((await api.send('POST', '/races/nowhere/calls', { candidate: 'd' })).status).toBe(404);
    expect(await desk('east')).toEqual(before);
  });

  it('refuses an unsigned request, and an override of a race with no release yet', async () => {
    const unsigned = await fetch(`${baseUrl}/races/east/calls`, { method: 'POST', body: JSON.stringify({ candidate: 'd' }) });
    expect(unsigned.status).toBe(403);
    const race = { ...files[0].race, id: 'later' };
    expect((await api.send('PUT', '/races/later', race)).status).toBe(201);
    expect((await api.send('POST', '/races/later/overrides', { unit: 'all', outstanding: { expected: 1 } })).status).toBe(409);
    expect(await api.send('POST', '/races/later/calls', { candidate: 'r' })).toMatchObject({ status: 201, json: { call: { candidate: 'r' } } });
    expect((await api.send('POST', '/races/later/calls', { candidate: 'r' })).json.run).toBeUndefined();
  });
});
