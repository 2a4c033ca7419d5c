import { plainTable } from '../../cli/format/plain-table.ts';
import type { CalibrationSummary, EventsSummary } from '../evaluate/index.ts';
import { decimal, percent, points, withError } from './numbers.ts';

/**
 * Scores of event sets, one row per group: events, Brier score ± its standard error, the two baselines'
 * Brier scores where they apply, log loss, and false calls both ways at 99%.
 */
export function scoresTable(rows: readonly (readonly [string, EventsSummary])[]): string {
  const head = ['', 'events', 'Brier', '1/k Brier', 'leader Brier', 'log loss', '>=99%: lost', '<=1%: won'];
  const body = rows.map(([label, summary]) => [
    label,
    String(summary.events),
    summary.events === 0 ? '—' : `${decimal(summary.brierScore)} ± ${decimal(summary.brierStandardError)}`,
    summary.baselines === null ? '' : decimal(summary.baselines.uniform),
    summary.baselines === null ? '' : decimal(summary.baselines.countLeader),
    decimal(summary.logLoss),
    falseCallText(summary.falseCalls.confident),
    falseCallText(summary.falseCalls.dismissed),
  ]);
  return plainTable(head, body);
}

/**
 * One row per group of a breakdown: margin coverage (50%, 90%, misses below p05 and above p95, median
 * 90% width), then the headline win events (first place, two leaders): Brier score, the count-leader
 * baseline, log loss, and false calls at >= 99% over every candidate.
 */
export function breakdownTable(rows: readonly (readonly [string, CalibrationSummary])[]): string {
  const head = ['', 'forecasts', '50% cover', '90% cover', '<p05', '>p95', '90% width', 'Brier', 'leader Brier', 'log loss', '>=99%: lost'];
  const body = rows.map(([label, summary]) => {
    const { coverage } = summary;
    const leaders = summary.eventSets.leaders;
    return [
      label,
      String(summary.forecasts),
      withError(coverage.in50.rate, coverage.in50.standardError),
      withError(coverage.in90.rate, coverage.in90.standardError),
      percent(coverage.bands[0].rate),
      percent(coverage.bands[5].rate),
      points(coverage.medianWidth90),
      decimal(leaders.brierScore),
      leaders.baselines === null ? '' : decimal(leaders.baselines.countLeader),
      decimal(leaders.logLoss),
      falseCallText(summary.eventSets.allFirst.falseCalls.confident),
    ];
  });
  return plainTable(head, body);
}

function falseCallText(calls: { count: number; total: number; rate: number; standardError: number }): string {
  return calls.total === 0 ? '0 of 0' : `${calls.count} of ${calls.total} (${withError(calls.rate, calls.standardError, 2)})`;
}

