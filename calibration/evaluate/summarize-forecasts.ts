import { EVENT_SETS, type EventSetName } from './event-sets.ts';
import type { ScoredForecast } from './score-forecast.ts';
import { summarizeCoverage, type CoverageSummary } from './summarize-coverage.ts';
import { summarizeEvents, type EventsSummary } from './summarize-events.ts';

/** Calibration of a group of forecasts: margin coverage and the scores of each event set. */
export interface CalibrationSummary {
  readonly forecasts: number;
  readonly coverage: CoverageSummary;
  readonly eventSets: Readonly<Record<EventSetName, EventsSummary>>;
}

/**
 * Summarises scored forecasts: coverage of their margin intervals and, for each of `EVENT_SETS`, the
 * Brier score, log loss, reliability table and false calls of the selected events.
 * @example summarizeForecasts(scored).coverage.in90.rate // 0.9 for a calibrated model, within its standard error
 */
export function summarizeForecasts(scored: readonly ScoredForecast[]): CalibrationSummary {
  const events = scored.flatMap((forecast) => forecast.events);
  const eventSets = Object.fromEntries(
    Object.entries(EVENT_SETS).map(([name, set]) => [name, summarizeEvents(events.filter(set.select), set.firstPlaceBaselines)]),
  ) as Record<EventSetName, EventsSummary>;
  return {
    forecasts: scored.length,
    coverage: summarizeCoverage(scored.map((forecast) => forecast.margin)),
    eventSets,
  };
}
