import { parentPort } from 'node:worker_threads';
import { simulateBlocks } from '../core/simulate-draws.ts';
import type { BlockJob } from './block-job.ts';

// Runs block jobs sent by the pool, one block at a time, reporting each finished block.
parentPort?.on('message', (job: BlockJob) => {
  try {
    for (let block = job.firstBlock; block < job.endBlock; block++) {
      simulateBlocks(job.race, job.run, block, block + 1, job.buffers);
      parentPort?.postMessage({ kind: 'block' });
    }
    parentPort?.postMessage({ kind: 'done' });
  } catch (error) {
    parentPort?.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
