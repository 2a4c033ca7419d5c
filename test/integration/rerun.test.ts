import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputKey } from '../../core/pipeline/published-keys.ts';
import { canonicalJson, countFileAsOf, inputHash } from '../../core/provenance/canonical-input.ts';
import type { HttpRequest } from '../../functions/http/http-types.ts';
import { startLocalStack, type LocalStack } from '../../local/local-stack.ts';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli } from '../cli/cli-harness.ts';

const general = exampleCountFile('la-mayor-2022-general');
const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };
const request = (parameters: Record<string, string>, body: string): HttpRequest => ({ pathParameters: parameters, body, requestContext: signed });

describe('ballotcast rerun against the local stack', () => {
  let stack: LocalStack;
  let pipeline: LocalPipeline;
  const raceId = general.race.id;
  let runKey = '';
  const saved = { ...process.env };

  const text = async (key: string) =>
    (await (await stack.s3Client.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: key }))).Body?.transformToString('utf8')) ?? '';
  const rerun = (...extra: string[]) => cli(['rerun', `s3://${stack.bucketName}/${runKey}`, '--endpoint', stack.s3Endpoint, ...extra]);

  beforeAll(async () => {
    stack = await startLocalStack();
    pipeline = buildLocalPipeline(stack);
    // The CLI reads S3 with the ordinary AWS credential chain; these are the local server's.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: stack.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: stack.credentials.secretAccessKey, AWS_REGION: 'us-east-1' });
    await pipeline.routes.putRace(request({ raceId }, JSON.stringify(general.race)));
    // Posted with keys out of order and odd white space, as a scraper might send it.
    for (const release of general.releases.slice(0, 15)) {
      const scrambled = JSON.stringify({ units: release.units, label: release.label, asOf: release.asOf }, null, 3);
      const response = await pipeline.routes.postRelease(request({ raceId }, scrambled));
      expect(response.statusCode, response.body).toBe(201);
    }
    await pipeline.queue.drain();
    runKey = `races/${raceId}/runs/${JSON.parse(await text(`races/${raceId}/history.json`)).points.at(-1).runId}.json`;
  });

  afterAll(async () => {
    process.env = saved;
    await stack?.stop();
  });

  it('publishes the canonical input where the forecast says, hashing as the laptop does', async () => {
    const forecast = JSON.parse(await text(runKey));
    const expected = countFileAsOf(general, 14);
    expect(forecast.inputHash).toBe(inputHash(expected));
    expect(forecast.input).toBe(inputKey(raceId, forecast.inputHash));
    expect(await text(forecast.input)).toBe(`${canonicalJson(expected)}\n`);
  });

  it('reproduces the published run byte for byte from S3', async () => {
    const result = await rerun();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Reproduced: byte-identical \(\d+ bytes\)\.$/m);
    const json = await rerun('--json');
    expect(json.stdout).toBe(await text(runKey));
  });

  it('reproduces it over http from the public route, as a reader of CloudFront would', async () => {
    const server = await startLocalApiServer(pipeline.routes, 'token');
    try {
      const result = await cli(['rerun', `${server.url}/public/${runKey}`]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Reproduced: byte-identical/m);
    } finally {
      await server.close();
    }
  });

  it('says an exploration is not a reproduction', async () => {
    const result = await rerun('--set', 'los-angeles-city.outstanding.lean=bass:0.5,caruso:0.5');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/This is an exploration, NOT a reproduction/);
  });

  it('reports the mismatch and exits non-zero when one vote of the stored input is changed', async () => {
    const forecast = JSON.parse(await text(runKey));
    const input = JSON.parse(await text(forecast.input));
    input.releases.at(-1).units[0].counted.bass += 1;
    await stack.s3Client.send(new PutObjectCommand({ Bucket: stack.bucketName, Key: forecast.input, Body: `${canonicalJson(input)}\n`, ContentType: 'application/json' }));

    const result = await rerun();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/The stored input does not match the forecast's inputHash/);
    expect(result.stdout).toMatch(/NOT reproduced: the forecasts differ, first at line \d+/);
  });

  it('refuses a location that is not a published run', async () => {
    const result = await cli(['rerun', `s3://${stack.bucketName}/index.json`, '--endpoint', stack.s3Endpoint]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a published run/);
  });
});

