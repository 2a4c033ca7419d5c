import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../functions/http/http-types.ts';
import { startLocalStack, type LocalStack } from '../../local/local-stack.ts';
import { buildLocalPipeline } from '../../local/pipeline.ts';
import { recoverPublishJobs, recoverRuns } from '../../local/recover-runs.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { STACK_HOOK_TIMEOUT_MS } from './local-stack-fixture.ts';

const general = exampleCountFile('la-mayor-2022-general');
const RACE = 'la-mayor-2022-general';
const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };
const request = (parameters: Record<string, string>, body?: unknown): HttpRequest => ({
  pathParameters: parameters,
  body: body === undefined ? undefined : JSON.stringify(body),
  requestContext: signed,
});

async function readObject(stack: LocalStack, key: string): Promise<string> {
  const object = await stack.s3Client.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: key }));
  return (await object.Body?.transformToString('utf8')) ?? '';
}

describe('a local stack with a data directory, stopped and started again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ballotcast-data-test-'));
  const stacks: LocalStack[] = [];
  const start = async () => {
    const stack = await startLocalStack({ dataDir, startTimeoutMs: 90_000 });
    stacks.push(stack);
    return stack;
  };
  afterAll(async () => {
    for (const stack of stacks) await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, STACK_HOOK_TIMEOUT_MS);

  it('keeps races, releases, runs and published objects, and queues again the runs left unfinished', async () => {
    // First session: a race, two releases published, and two runs the session never finished.
    const first = await start();
    const before = buildLocalPipeline(first);
    expect((await before.routes.putRace(request({ raceId: RACE }, general.race))).statusCode).toBe(201);
    for (const release of general.releases.slice(0, 2)) expect((await before.routes.postRelease(request({ raceId: RACE }, release))).statusCode).toBe(201);
    await before.queue.drain();
    const latest = await readObject(first, `races/${RACE}/latest.json`);
    const history = await readObject(first, `races/${RACE}/history.json`);
    // As a stop leaves them: one run still queued, one cut off while running (its record says so).
    const requestedAt = new Date().toISOString();
    const queued = { raceId: RACE, runId: 'r000001-left-queued', releaseSeq: 1, draws: 3_000, seed: 'q', status: 'queued', trigger: 'request', requestedAt } as const;
    const running = { ...queued, runId: 'r000000-left-running', releaseSeq: 0, seed: 'r', status: 'running', startedAt: requestedAt, deadline: requestedAt } as const;
    await before.deps.store.createRun(running);
    await before.deps.store.createRun(queued);
    await first.stop();

    // Second session, on the same directory.
    const second = await start();
    const after = buildLocalPipeline(second);
    await expect(startLocalStack({ dataDir })).rejects.toThrow(`the data directory ${dataDir} is in use by process ${process.pid}`);
    const stored = await after.deps.store.getRace(RACE);
    expect(stored).toMatchObject({ race: general.race, releaseCount: 2, published: { seq: 1 } });
    expect(await after.deps.store.listReleases(RACE)).toEqual(general.releases.slice(0, 2));
    expect(await readObject(second, `races/${RACE}/latest.json`)).toBe(latest);
    expect(await readObject(second, `races/${RACE}/history.json`)).toBe(history);
    expect(JSON.parse(await readObject(second, 'index.json')).races.map((race: { raceId: string }) => race.raceId)).toContain(RACE);

    const recovered = await recoverRuns(after.deps.store, after.queue, new Date().toISOString());
    const jobs = await recoverPublishJobs(after.deps.jobs, after.jobQueue);
    await after.queue.drain();

    expect(jobs).toEqual([{ kind: 'index' }]);
    expect(after.jobQueue.failures).toEqual([]);
    expect(recovered.map((run) => run.runId)).toEqual([running.runId, queued.runId]);
    expect(after.queue.failures).toEqual([]);
    for (const { runId } of recovered) {
      const run = await after.deps.store.getRun(RACE, runId);
      expect(run, runId).toMatchObject({ status: expect.stringMatching(/^(published|superseded)$/), requeuedAt: expect.any(String) });
      expect(JSON.parse(await readObject(second, `races/${RACE}/runs/${runId}.json`))).toMatchObject({ seed: runId === queued.runId ? 'q' : 'r' });
    }
    // The stack keeps taking releases where the first session left off.
    expect((await after.routes.postRelease(request({ raceId: RACE }, general.releases[2]))).statusCode).toBe(201);
    await after.queue.drain();
    expect(JSON.parse(await readObject(second, `races/${RACE}/latest.json`)).release.index).toBe(2);
  }, 240_000);

});
