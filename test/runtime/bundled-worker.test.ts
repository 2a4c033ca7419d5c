import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { syntheticRace } from '../../bench/synthetic-race.ts';
import { planForecast } from '../../core/forecast-race.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../core/simulate-draws.ts';
import type { BlockJob, WorkerMessage } from '../../runtime/block-job.ts';

// The CLI bundle's worker, dist/simulate-worker.mjs (built by the global setup), as plain JavaScript.
const BUNDLED_WORKER = new URL('../../dist/simulate-worker.mjs', import.meta.url);

/** Runs one job on a fresh bundled worker and resolves when it reports done. */
function runOnBundledWorker(job: BlockJob): Promise<void> {
  const worker = new Worker(BUNDLED_WORKER);
  return new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'done') resolve();
      if (message.kind === 'failed') reject(new Error(message.message));
    });
    worker.once('error', reject);
    worker.postMessage(job);
  }).finally(() => worker.terminate());
}

describe('the bundled simulation worker (dist/simulate-worker.mjs)', () => {
  it('fills its blocks of shared buffers exactly as the sources do on the calling thread', async () => {
    const plan = planForecast({ countFile: syntheticRace(30, 3), seed: 'bundle', draws: 3_000 });
    const expected = allocateDrawBuffers(plan.race, plan.run.draws);
    simulateBlocks(plan.race, plan.run, 0, plan.blocks, expected);
    const shared = allocateDrawBuffers(plan.race, plan.run.draws, true);

    // Two workers, one range of blocks each, as the pool splits them.
    await Promise.all([
      runOnBundledWorker({ kind: 'blocks', race: plan.race, run: plan.run, firstBlock: 0, endBlock: 1, buffers: shared }),
      runOnBundledWorker({ kind: 'blocks', race: plan.race, run: plan.run, firstBlock: 1, endBlock: plan.blocks, buffers: shared }),
    ]);

    expect(Array.from(shared.finalVotes)).toEqual(Array.from(expected.finalVotes));
    expect(Array.from(shared.outstandingVotes)).toEqual(Array.from(expected.outstandingVotes));
  });
});
