import { groupBy } from '../../calibration/evaluate/group-by.ts';
import type { TargetResult } from '../../calibration/evaluate/check-targets.ts';
import type { EstimatesKind } from '../corpus/corpus-info.ts';
import type { BacktestForecast } from '../score/backtest-file.ts';
import { ESTIMATE_ACCURACY_BUCKETS } from '../score/estimate-accuracy.ts';
import { SHARE_BUCKETS, shareBucket } from '../score/share-buckets.ts';
import { checkBacktestTargets } from './check-backtest-targets.ts';
import { earlyCalls, type EarlyCallsReport } from './early-calls.ts';
import { loserCalls, racesOf, type LoserCall } from './loser-calls.ts';
import { summarizeBacktest, type BacktestSummary } from './summarize-backtest.ts';

/** The figures for the sources of one kind of estimates: derived ones and oracle ones are never pooled. */
export interface EstimatesSection {
  readonly estimates: EstimatesKind;
  readonly overall: BacktestSummary;
  /** One per share-counted bucket, in `SHARE_BUCKETS` order, empty ones included. */
  readonly byShare: readonly BacktestSummary[];
  readonly bySource: readonly BacktestSummary[];
  /**
   * One per bucket of the estimates' accuracy in hindsight, in `ESTIMATE_ACCURACY_BUCKETS` order, empty
   * ones included. A diagnostic: targets are never checked on it.
   */
  readonly byEstimateAccuracy: readonly BacktestSummary[];
  readonly earlyCalls: EarlyCallsReport;
  /** Every forecast that gave an eventual loser >= 99%. */
  readonly loserCalls: readonly LoserCall[];
  /** Races in which the fixed-swing baseline gave an eventual loser >= 99%, for comparison. */
  readonly fixedSwingLoserRaces: number;
}

/** Monte Carlo error of the forecast probabilities at the run's number of draws. */
export interface MonteCarloError {
  readonly draws: number;
  /** Mean of sqrt(p(1 − p) / draws) over the headline probabilities (two leaders finishing first). */
  readonly meanStandardError: number;
  /** The largest it can be: sqrt(0.25 / draws), at p = 0.5. */
  readonly maxStandardError: number;
}

export interface BacktestReport {
  readonly forecasts: number;
  /** Derived first, then oracle; a kind with no forecasts is left out. */
  readonly sections: readonly EstimatesSection[];
  readonly monteCarlo: MonteCarloError;
  readonly targets: readonly TargetResult[];
}

const ESTIMATES_ORDER: readonly EstimatesKind[] = ['derived', 'oracle'];

/** Summarises backtest forecasts by kind of estimates, then overall, by share counted and by source, and checks the targets. */
export function buildBacktestReport(forecasts: readonly BacktestForecast[], draws: number): BacktestReport {
  const byEstimates = groupBy(forecasts, (forecast) => forecast.estimates);
  const sections = ESTIMATES_ORDER.filter((kind) => byEstimates.has(kind)).map((kind) => estimatesSection(kind, byEstimates.get(kind)!));
  return {
    forecasts: forecasts.length,
    sections,
    monteCarlo: monteCarloError(forecasts, draws),
    targets: checkBacktestTargets(sections.find((section) => section.estimates === 'derived')),
  };
}

function estimatesSection(estimates: EstimatesKind, forecasts: readonly BacktestForecast[]): EstimatesSection {
  const byShare = groupBy(forecasts, (forecast) => shareBucket(forecast.fractionCounted));
  const bySource = groupBy(forecasts, (forecast) => forecast.source);
  const byAccuracy = groupBy(forecasts, (forecast) => forecast.estimateAccuracy);
  return {
    estimates,
    overall: summarizeBacktest('all releases', forecasts),
    byShare: SHARE_BUCKETS.map((bucket) => summarizeBacktest(`${bucket} counted`, byShare.get(bucket) ?? [])),
    bySource: [...bySource.keys()].sort().map((source) => summarizeBacktest(source, bySource.get(source)!)),
    byEstimateAccuracy: ESTIMATE_ACCURACY_BUCKETS.map((bucket) => summarizeBacktest(`estimate ${bucket}`, byAccuracy.get(bucket) ?? [])),
    earlyCalls: earlyCalls(forecasts),
    loserCalls: loserCalls(forecasts),
    fixedSwingLoserRaces: racesOf(loserCalls(forecasts, (forecast) => forecast.baselines.fixedSwing)).length,
  };
}

function monteCarloError(forecasts: readonly BacktestForecast[], draws: number): MonteCarloError {
  const probabilities = forecasts.flatMap((forecast) => forecast.marginQuantiles.between.map((id) => forecast.probabilities[id]));
  const sum = probabilities.reduce((total, probability) => total + Math.sqrt((probability * (1 - probability)) / draws), 0);
  return {
    draws,
    meanStandardError: probabilities.length === 0 ? Number.NaN : sum / probabilities.length,
    maxStandardError: Math.sqrt(0.25 / draws),
  };
}
