import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalApiClient } from '../../../local/api-client.ts';
import { startLocalStack } from '../../../local/local-stack.ts';
import { freePort } from '../../../local/managed-process.ts';
import { buildLocalPipeline } from '../../../local/pipeline.ts';
import { exampleCountFile } from '../../fixtures/count-files.ts';
import { devRefusal, interrupt, startDev } from './dev-process.ts';

const general = exampleCountFile('la-mayor-2022-general');
const RACE = general.race.id;
const TOKEN = 'dev-data-test-token';

async function waitForRun(api: LocalApiClient, path: string): Promise<string> {
  for (let tries = 0; tries < 300; tries += 1) {
    const { json } = await api.send('GET', path);
    if (json.status !== 'queued' && json.status !== 'running') return json.status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`run ${path} did not finish`);
}

describe('npm run dev -- --data DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ballotcast-dev-data-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a rehearsal across a restart, and runs the runs left queued', async () => {
    const port = await freePort();
    const first = await startDev(port, ['--data', dataDir], TOKEN);
    children.push(first.child);
    expect(first.output()).toContain(`State is kept in ${dataDir}; 0 unfinished run(s) from the last session queued again.`);
    expect((await first.api.send('PUT', `/races/${RACE}`, general.race)).status).toBe(201);
    const posted = await first.api.send('POST', `/races/${RACE}/releases`, general.releases[0]);
    expect(await waitForRun(first.api, posted.json.run.links.status)).toBe('published');
    const latest = await first.api.readPublic(`races/${RACE}/latest.json`);
    expect(await interrupt(first.child)).toBe(0);

    // Between sessions, a run left queued, as a stop in the middle of a night leaves one.
    const between = await startLocalStack({ dataDir, startTimeoutMs: 90_000 });
    await buildLocalPipeline(between).deps.store.createRun({
      raceId: RACE,
      runId: 'r000000-left-queued',
      releaseSeq: 0,
      draws: 2_000,
      seed: 'left',
      status: 'queued',
      trigger: 'request',
      requestedAt: new Date().toISOString(),
    });
    await between.stop();

    const second = await startDev(port, [`--data=${dataDir}`], TOKEN);
    children.push(second.child);
    expect(second.output()).toContain('1 unfinished run(s) from the last session queued again.');
    expect((await second.api.send('GET', posted.json.run.links.status)).json).toMatchObject({ status: 'published' });
    expect(await second.api.readPublic(`races/${RACE}/runs/${posted.json.run.runId}.json`)).toEqual(latest);
    // The run left queued is of the same release, so once it is published it is latest.json.
    expect(await waitForRun(second.api, `/races/${RACE}/runs/r000000-left-queued`)).toBe('published');
    expect(await second.api.readPublic(`races/${RACE}/latest.json`)).toMatchObject({ seed: 'left', draws: 2_000 });
    expect((await second.api.send('POST', `/races/${RACE}/releases`, general.releases[1])).status).toBe(201);
    expect(await interrupt(second.child)).toBe(0);
  }, 300_000);

  it('says plainly that --data needs a directory', async () => {
    const { code, stderr } = await devRefusal(['--data']);
    expect(code).toBe(2);
    expect(stderr).toBe('npm run dev: --data needs a directory, e.g. npm run dev -- --data rehearsal-state\n');
  });
});
