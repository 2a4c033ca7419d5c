import { parentPort } from 'node:worker_threads';
import { backtestFile } from '../score/backtest-file.ts';
import type { BacktestJob, BacktestResult } from './backtest-job.ts';

// Backtests one file per message and sends back its scored forecasts and the time it took.
parentPort?.on('message', (job: BacktestJob) => {
  let result: BacktestResult;
  try {
    const started = performance.now();
    const forecasts = backtestFile(job.file, job.plan);
    result = { kind: 'done', index: job.index, forecasts, milliseconds: performance.now() - started };
  } catch (error) {
    result = { kind: 'failed', index: job.index, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(result);
});
