import { parentPort } from 'node:worker_threads';
import { simulateBlocks } from '../core/simulate-draws.ts';
import type { BlockJob, ForecastJob, WorkerJob, WorkerMessage } from './block-job.ts';
import { runForecastHere } from './forecast-here.ts';

const post = (message: WorkerMessage) => parentPort?.postMessage(message);

// Runs the jobs sent by the pool in the order they come, reporting each finished block.
parentPort?.on('message', (job: WorkerJob) => {
  try {
    post({ kind: 'done', result: job.kind === 'forecast' ? forecastJob(job) : blockJob(job) });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), rangeError: error instanceof RangeError });
  }
});

function blockJob(job: BlockJob): undefined {
  for (let block = job.firstBlock; block < job.endBlock; block++) {
    simulateBlocks(job.race, job.run, block, block + 1, job.buffers);
    post({ kind: 'block' });
  }
  return undefined;
}

function forecastJob(job: ForecastJob) {
  return runForecastHere(job.request, job.withOutcomes, () => post({ kind: 'block' }));
}
