import { Worker } from 'node:worker_threads';
import type { BlockJob, WorkerMessage } from './block-job.ts';

// The worker's entry sits beside this module, whichever way it was loaded: from the sources (tests, tsx),
// runtime/simulate-worker.mjs, which loads the TypeScript through tsx; from the CLI bundle, where this
// module is inlined into dist/ballotcast.mjs, dist/simulate-worker.mjs, plain JavaScript with no tsx to
// load (scripts/build-cli.mjs writes both).
const WORKER_ENTRY = new URL('./simulate-worker.mjs', import.meta.url);

/** A fixed set of simulation threads, kept alive across forecasts (a replay runs many). */
export class WorkerPool {
  private readonly workers: Worker[];

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_ENTRY));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs one job per worker, in parallel; `onBlock` is called as each block finishes. */
  async runAll(jobs: readonly BlockJob[], onBlock: () => void): Promise<void> {
    if (jobs.length > this.workers.length) throw new RangeError('more jobs than workers');
    await Promise.all(jobs.map((job, index) => this.runOne(this.workers[index], job, onBlock)));
  }

  private runOne(worker: Worker, job: BlockJob, onBlock: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === 'block') return onBlock();
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (message.kind === 'done') resolve();
        else reject(new Error(`simulation thread failed: ${message.message}`));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
