import { Worker } from 'node:worker_threads';
import type { BlockJob, ForecastJob, ForecastResult, WorkerJob, WorkerMessage } from './block-job.ts';

// The worker's entry sits beside this module, whichever way it was loaded: from the sources (tests, tsx),
// runtime/simulate-worker.mjs, which loads the TypeScript through tsx; from the CLI bundle, where this
// module is inlined into dist/ballotcast.mjs, dist/simulate-worker.mjs, plain JavaScript with no tsx to
// load (scripts/build-cli.mjs writes both).
const WORKER_ENTRY = new URL('./simulate-worker.mjs', import.meta.url);

interface PendingJob {
  readonly onBlock: () => void;
  readonly resolve: (result: ForecastResult | undefined) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A fixed set of simulation threads, kept alive across forecasts (a replay runs many). Each worker takes
 * its jobs in the order they were posted, so jobs may be queued on a worker before it is free.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly pending: PendingJob[][];

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_ENTRY));
    this.pending = this.workers.map(() => []);
    this.workers.forEach((worker, index) => {
      worker.on('message', (message: WorkerMessage) => this.receive(index, message));
      worker.on('error', (error: Error) => this.failAll(index, error));
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Jobs posted to worker `index` and not yet finished. */
  queued(index: number): number {
    return this.pending[index].length;
  }

  /** Runs one job per worker, in parallel; `onBlock` is called as each block finishes. */
  async runAll(jobs: readonly BlockJob[], onBlock: () => void): Promise<void> {
    if (jobs.length > this.workers.length) throw new RangeError('more jobs than workers');
    await Promise.all(jobs.map((job, index) => this.post(index, job, onBlock)));
  }

  /** Queues a whole forecast on worker `index`. */
  async forecast(index: number, job: ForecastJob, onBlock: () => void): Promise<ForecastResult> {
    const result = await this.post(index, job, onBlock);
    if (result === undefined) throw new Error('simulation thread sent no forecast');
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private post(index: number, job: WorkerJob, onBlock: () => void): Promise<ForecastResult | undefined> {
    return new Promise((resolve, reject) => {
      this.pending[index].push({ onBlock, resolve, reject });
      this.workers[index].postMessage(job);
    });
  }

  private receive(index: number, message: WorkerMessage): void {
    const job = this.pending[index][0];
    if (job === undefined) return;
    if (message.kind === 'block') return job.onBlock();
    this.pending[index].shift();
    if (message.kind === 'done') return job.resolve(message.result);
    const failure = `simulation thread failed: ${message.message}`;
    job.reject(message.rangeError ? new RangeError(failure) : new Error(failure));
  }

  private failAll(index: number, error: Error): void {
    for (const job of this.pending[index].splice(0)) job.reject(error);
  }
}
