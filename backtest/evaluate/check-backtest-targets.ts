import { checkCoverage, checkReliability, type TargetResult } from '../../calibration/evaluate/check-targets.ts';
import { percent } from '../../calibration/report/numbers.ts';
import type { EstimatesSection } from './build-backtest-report.ts';
import { racesOf } from './loser-calls.ts';
import type { BacktestSummary } from './summarize-backtest.ts';

/** The backtest's targets (issue 10), checked on derived-estimate sources only. */
export const BACKTEST_TARGETS = {
  coverage90: [0.85, 0.95],
  coverage50: [0.42, 0.58],
  /** Coverage is gated in every group (all releases, each share bucket) with at least this many releases. */
  minimumReleases: 100,
} as const;

/**
 * Checks the targets on the derived-estimate section: 90% and 50% margin coverage in every group with
 * >= 100 releases (all releases and each share-counted bucket); no race in which an eventual loser
 * reached 99%; every headline reliability bin with >= 100 forecasts within 5 points; the headline log
 * loss below both baselines'. A target with no group large enough passes, and says it was not tested.
 * Without any derived forecasts, one failing line says so.
 */
export function checkBacktestTargets(derived: EstimatesSection | undefined): TargetResult[] {
  if (derived === undefined) {
    return [{ name: 'derived-estimate sources', passed: false, detail: 'no forecasts from derived-estimate sources to check' }];
  }
  const groups = [derived.overall, ...derived.byShare].filter((group) => group.forecasts >= BACKTEST_TARGETS.minimumReleases);
  const losers = racesOf(derived.loserCalls);
  return [
    coverageTarget('90% margin intervals', groups, 'in90', BACKTEST_TARGETS.coverage90),
    coverageTarget('50% margin intervals', groups, 'in50', BACKTEST_TARGETS.coverage50),
    {
      name: 'no race with an eventual loser at >= 99%',
      passed: losers.length === 0,
      detail: losers.length === 0 ? `none in ${derived.earlyCalls.races} races` : `${losers.length} of ${derived.earlyCalls.races} races: ${losers.join(', ')}`,
    },
    checkReliability(derived.overall.calibration, 'reliability bins (first place, two leaders, all releases)'),
    logLossTarget(derived.overall),
  ];
}

/** One line for a coverage target over every gated group; fails when any group is outside. */
function coverageTarget(
  name: string,
  groups: readonly BacktestSummary[],
  interval: 'in90' | 'in50',
  range: readonly [number, number],
): TargetResult {
  const fullName = `${name} in every group with >= ${BACKTEST_TARGETS.minimumReleases} releases`;
  if (groups.length === 0) return { name: fullName, passed: true, detail: `not tested: no group has ${BACKTEST_TARGETS.minimumReleases} releases` };
  const results = groups.map((group) => checkCoverage(group.label, group.calibration.coverage[interval], range));
  return {
    name: fullName,
    passed: results.every((result) => result.passed),
    detail: results.map((result) => `${result.passed ? '' : 'OUTSIDE '}${result.name} ${result.detail.split(';')[0]}`).join('; ') +
      `; target ${range.map((bound) => percent(bound, 0)).join('–')}`,
  };
}

function logLossTarget(overall: BacktestSummary): TargetResult {
  const { model, countedSplit, fixedSwing } = overall.winner;
  return {
    name: 'log loss of the eventual winner below both baselines',
    passed: model.logLoss < countedSplit.logLoss && model.logLoss < fixedSwing.logLoss,
    detail:
      `model ${model.logLoss.toFixed(4)}, counted split ${countedSplit.logLoss.toFixed(4)}, fixed swing ${fixedSwing.logLoss.toFixed(4)} ` +
      `(n = ${overall.winner.events} events)`,
  };
}

