/**
 * Scoring of forecasts against synthetic truths, for the calibration run (`calibration/run-calibration.ts`):
 * small pure functions from one forecast and its truth to scored events, and from many to summaries.
 */
export { proportion, type Proportion } from './proportion.ts';
export { scoreMargin, type MarginScore, type MarginForecast, type QuantileBand } from './score-margin.ts';
export { probabilityEvents, type ProbabilityEvent, type ProbabilityForecast, type EventKind } from './probability-events.ts';
export { reliabilityTable, type ReliabilityBin } from './reliability-table.ts';
export { brierScore } from './brier-score.ts';
export { logLoss, LOG_LOSS_CLIP } from './log-loss.ts';
export { falseCalls, type FalseCalls } from './false-calls.ts';
export { scoreForecast, distinctForecasts, type ScoredForecast, type ForecastOrigin } from './score-forecast.ts';
export { summarizeCoverage, CALIBRATED_BANDS, type CoverageSummary } from './summarize-coverage.ts';
export { summarizeEvents, type EventsSummary } from './summarize-events.ts';
export { EVENT_SETS, type EventSet, type EventSetName } from './event-sets.ts';
export { summarizeForecasts, type CalibrationSummary } from './summarize-forecasts.ts';
export { groupBy } from './group-by.ts';
export { checkTargets, TARGETS, type TargetResult } from './check-targets.ts';
export { buildReport, type CalibrationReport, type StageReport, type Breakdown } from './build-report.ts';
