import type { BacktestForecast, BacktestPlan, LabelledCountFile } from '../score/backtest-file.ts';

/** One file to backtest on a worker. */
export interface BacktestJob {
  /** Position of the file in the run, so that results are put back in file order. */
  readonly index: number;
  readonly file: LabelledCountFile;
  readonly plan: BacktestPlan;
}

export type BacktestResult =
  | { readonly kind: 'done'; readonly index: number; readonly forecasts: readonly BacktestForecast[]; readonly milliseconds: number }
  | { readonly kind: 'failed'; readonly index: number; readonly message: string };
