import { parentPort } from 'node:worker_threads';
import { simulateBlocks } from '../core/simulate-draws.ts';
import type { BlockJob, ForecastJob, ForecastResult, WorkerJob, WorkerMessage } from './block-job.ts';

const post = (message: WorkerMessage) => parentPort?.postMessage(message);

// Runs the jobs sent by the pool one after another, in the order they come, reporting each finished block.
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', (job: WorkerJob) => {
  previous = previous.then(() => runJob(job));
});

async function runJob(job: WorkerJob): Promise<void> {
  try {
    post({ kind: 'done', result: job.kind === 'forecast' ? await forecastJob(job) : blockJob(job) });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), rangeError: error instanceof RangeError });
  }
}

function blockJob(job: BlockJob): undefined {
  for (let block = job.firstBlock; block < job.endBlock; block++) {
    simulateBlocks(job.race, job.run, block, block + 1, job.buffers);
    post({ kind: 'block' });
  }
  return undefined;
}

// Loaded on the first whole forecast: planning and summaries (and zod, for the model's defaults) would
// otherwise slow the start of every worker, most of which only simulate blocks.
async function forecastJob(job: ForecastJob): Promise<ForecastResult> {
  const { runForecastHere } = await import('./forecast-here.ts');
  return runForecastHere(job.request, job.withOutcomes, () => post({ kind: 'block' }));
}
