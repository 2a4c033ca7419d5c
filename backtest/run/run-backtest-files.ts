import { Worker } from 'node:worker_threads';
import { backtestFile, type BacktestForecast, type BacktestPlan, type LabelledCountFile } from '../score/backtest-file.ts';
import type { BacktestJob, BacktestResult } from './backtest-job.ts';

const WORKER_ENTRY = new URL('./backtest-worker.mjs', import.meta.url);

export interface BacktestRunOptions {
  /** Worker threads; 1 runs every file on the calling thread. The forecasts are the same for any number. */
  readonly workers: number;
  /** Called with (files done, files in all) as files finish. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BacktestRun {
  /** Every file's forecasts, file by file in input order, release by release. */
  readonly forecasts: BacktestForecast[];
  /** Time spent forecasting and scoring, summed over files (over threads, so it can exceed the wall time). */
  readonly computeMilliseconds: number;
}

/**
 * Backtests files, on the calling thread or on `workers` threads that each take the next file as they
 * finish one. Each forecast's seed depends only on its race and release, and results are put back in
 * file order, so the forecasts are identical whatever the number of workers.
 */
export async function runBacktestFiles(
  files: readonly LabelledCountFile[],
  plan: BacktestPlan,
  options: BacktestRunOptions,
): Promise<BacktestRun> {
  const workers = Math.min(Math.max(1, Math.floor(options.workers)), files.length);
  const results = workers <= 1 ? runInline(files, plan, options.onProgress) : await runOnWorkers(files, plan, workers, options.onProgress);
  return {
    forecasts: results.flatMap((result) => result.forecasts),
    computeMilliseconds: results.reduce((sum, result) => sum + result.milliseconds, 0),
  };
}

type FileResult = Extract<BacktestResult, { kind: 'done' }>;

function runInline(files: readonly LabelledCountFile[], plan: BacktestPlan, onProgress?: (done: number, total: number) => void): FileResult[] {
  return files.map((file, index) => {
    const started = performance.now();
    const forecasts = backtestFile(file, plan);
    onProgress?.(index + 1, files.length);
    return { kind: 'done', index, forecasts, milliseconds: performance.now() - started };
  });
}

async function runOnWorkers(
  files: readonly LabelledCountFile[],
  plan: BacktestPlan,
  workerCount: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileResult[]> {
  const results = new Array<FileResult>(files.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(WORKER_ENTRY));
  // Each worker takes the next file as soon as it finishes one, so slow files do not hold up the rest.
  const drain = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= files.length) return resolve();
        const job: BacktestJob = { index: next, file: files[next], plan };
        next++;
        worker.postMessage(job);
      };
      worker.on('message', (result: BacktestResult) => {
        if (result.kind === 'failed') return reject(new Error(`${files[result.index].path}: ${result.message}`));
        results[result.index] = result;
        onProgress?.(++done, files.length);
        send();
      });
      worker.once('error', reject);
      send();
    });
  try {
    await Promise.all(workers.map(drain));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
