import { EVENT_SETS } from '../../calibration/evaluate/event-sets.ts';
import { brierScore } from '../../calibration/evaluate/brier-score.ts';
import { logLoss } from '../../calibration/evaluate/log-loss.ts';
import { summarizeForecasts, type CalibrationSummary } from '../../calibration/evaluate/summarize-forecasts.ts';
import type { BacktestForecast } from '../score/backtest-file.ts';

/** Brier score and log loss of one forecaster on the headline events. */
export interface WinnerScores {
  readonly brierScore: number;
  /** Mean log loss in nats, probabilities clipped to [1e-6, 1 − 1e-6]. */
  readonly logLoss: number;
}

/** The figures of one group of forecasts (all, a share bucket, or a source). */
export interface BacktestSummary {
  readonly label: string;
  readonly forecasts: number;
  readonly races: number;
  /** Margin coverage and every event set's scores and reliability (calibration's summary). */
  readonly calibration: CalibrationSummary;
  /**
   * The eventual winner: the `first` events of the forecast's two leading candidates, scored for the
   * model and for the two baselines on the same events.
   */
  readonly winner: {
    readonly events: number;
    readonly model: WinnerScores;
    readonly countedSplit: WinnerScores;
    readonly fixedSwing: WinnerScores;
  };
}

/**
 * Summarises a group of backtest forecasts: calibration's summary (coverage, reliability, Brier, log
 * loss, false calls) and the headline scores of the model against the counted-split and fixed-swing
 * baselines.
 */
export function summarizeBacktest(label: string, forecasts: readonly BacktestForecast[]): BacktestSummary {
  const headline = forecasts.flatMap((forecast) =>
    forecast.events.filter(EVENT_SETS.leaders.select).map((event) => ({
      happened: event.happened,
      model: event.predicted,
      countedSplit: forecast.baselines.countedSplit[event.candidateId!] ?? 0,
      fixedSwing: forecast.baselines.fixedSwing[event.candidateId!] ?? 0,
    })),
  );
  const scoresOf = (forecaster: 'model' | 'countedSplit' | 'fixedSwing'): WinnerScores => {
    const events = headline.map((event) => ({ predicted: event[forecaster], happened: event.happened }));
    return { brierScore: brierScore(events), logLoss: logLoss(events) };
  };
  return {
    label,
    forecasts: forecasts.length,
    races: new Set(forecasts.map((forecast) => forecast.file)).size,
    calibration: summarizeForecasts(forecasts),
    winner: { events: headline.length, model: scoresOf('model'), countedSplit: scoresOf('countedSplit'), fixedSwing: scoresOf('fixedSwing') },
  };
}
