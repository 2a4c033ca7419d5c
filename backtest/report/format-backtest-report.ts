import { LOG_LOSS_CLIP } from '../../calibration/evaluate/log-loss.ts';
import { coverageTable } from '../../calibration/report/format-coverage.ts';
import { reliabilityText } from '../../calibration/report/format-reliability.ts';
import { decimal, percent } from '../../calibration/report/numbers.ts';
import { plainTable } from '../../cli/format/plain-table.ts';
import type { RejectedFile } from '../corpus/load-count-files.ts';
import type { BacktestReport, EstimatesSection } from '../evaluate/build-backtest-report.ts';
import type { EarlyCallsReport, RaceCall } from '../evaluate/early-calls.ts';
import { racesOf } from '../evaluate/loser-calls.ts';
import type { BacktestSummary } from '../evaluate/summarize-backtest.ts';
import { FIXED_SWING_SD } from '../score/baselines.ts';

/** How the run was made, for the heading. */
export interface BacktestSettings {
  readonly inputs: readonly string[];
  readonly draws: number;
  readonly seed: string;
  readonly model: { readonly version: string; readonly overrides: unknown };
  readonly only: readonly string[];
  readonly exclude: readonly string[];
}

/** What was read, for the heading. */
export interface BacktestFiles {
  readonly scored: number;
  readonly rejected: readonly RejectedFile[];
  /** Valid files with a single release: nothing to forecast. */
  readonly withoutForecasts: readonly string[];
}

/** Speed, measured; not part of the report proper, which is the same for any number of workers. */
export interface BacktestTiming {
  readonly workers: number;
  readonly seconds: number;
  /** Compute time per forecast, summed over threads. */
  readonly millisecondsPerForecast: number;
}

/** The whole backtest report as text: heading, one block per kind of estimates, Monte Carlo notes, targets. */
export function formatBacktestReport(report: BacktestReport, settings: BacktestSettings, files: BacktestFiles, timing: BacktestTiming): string {
  return [
    heading(report, settings, files, timing),
    ...report.sections.map(sectionText),
    section('Monte Carlo error', monteCarloNotes(report)),
    section('Targets (derived-estimate sources only)', [
      ...report.targets.map((target) => `${target.passed ? 'PASS' : 'FAIL'}  ${target.name}: ${target.detail}`),
      `${report.targets.filter((target) => target.passed).length} of ${report.targets.length} targets passed.`,
    ]),
  ].join('\n\n');
}

function heading(report: BacktestReport, settings: BacktestSettings, files: BacktestFiles, timing: BacktestTiming): string {
  const overrides = JSON.stringify(settings.model.overrides);
  const filters = [
    settings.only.length > 0 ? `only ${settings.only.join(', ')}` : '',
    settings.exclude.length > 0 ? `excluding ${settings.exclude.join(', ')}` : '',
  ].filter(Boolean);
  return [
    `ballotcast backtest: ${files.scored} count files, ${report.forecasts} releases forecast, ${settings.draws} draws, seed "${settings.seed}", ` +
      `model ${settings.model.version}${overrides === '{}' ? '' : ` with ${overrides}`}${filters.length > 0 ? `, ${filters.join(', ')}` : ''}`,
    `inputs: ${settings.inputs.join(', ')}`,
    `${timing.seconds.toFixed(1)} s on ${timing.workers} worker${timing.workers === 1 ? '' : 's'}; ${decimal(timing.millisecondsPerForecast, 1)} ms per forecast (compute, per thread)`,
    ...(files.withoutForecasts.length > 0 ? [`${files.withoutForecasts.length} files with one release, nothing to forecast: ${files.withoutForecasts.join(', ')}`] : []),
    ...(files.rejected.length > 0
      ? [`${files.rejected.length} invalid files skipped:`, ...files.rejected.map((file) => `  ${file.path}: ${file.errors[0]}${file.errors.length > 1 ? ` (+${file.errors.length - 1} more)` : ''}`)]
      : []),
  ].join('\n');
}

function sectionText(estimates: EstimatesSection): string {
  const title = estimates.estimates === 'derived' ? 'DERIVED-ESTIMATE SOURCES' : 'ORACLE-ESTIMATE SOURCES (hindsight estimates: reported apart, never gated)';
  const groups = [estimates.overall, ...estimates.byShare, ...estimates.bySource];
  return [
    `######## ${title}: ${estimates.bySource.map((source) => source.label).join(', ')} ########`,
    section('Eventual winner (first place, the forecast\'s two leaders): model against the baselines', [
      winnerTable(groups),
      `Counted split: P(first) = share of the votes counted. Fixed swing: counted split plus one N(0, ${FIXED_SWING_SD}²) swing on the margin of the outstanding votes.`,
    ]),
    section('Final margin (forecast\'s first minus second), interval coverage ± standard error', [
      coverageTable(groups.map((group) => [group.label, group.calibration.coverage] as const)),
    ]),
    section('Final margin coverage by the outstanding estimate\'s accuracy, judged in hindsight (a diagnostic, not a target)', [
      coverageTable(estimates.byEstimateAccuracy.map((group) => [group.label, group.calibration.coverage] as const)),
      'Estimate: the release\'s outstanding estimate summed over units, against the final total minus the votes counted then.',
    ]),
    section('Reliability of the winner probabilities, all releases', [reliabilityText(estimates.overall.calibration.eventSets.leaders.reliability)]),
    section('Eventual loser at >= 99%', loserLines(estimates)),
    section('Early calls: first release from which the eventual winner holds >= 99% for good', earlyCallLines(estimates.earlyCalls)),
  ].join('\n\n');
}

function winnerTable(groups: readonly BacktestSummary[]): string {
  const head = ['', 'releases', 'races', 'events', 'Brier', 'split', 'swing', 'log loss', 'split', 'swing'];
  const rows = groups.map((group) => {
    const { model, countedSplit, fixedSwing } = group.winner;
    return [
      group.label,
      String(group.forecasts),
      String(group.races),
      String(group.winner.events),
      ...[model.brierScore, countedSplit.brierScore, fixedSwing.brierScore, model.logLoss, countedSplit.logLoss, fixedSwing.logLoss].map((value) => decimal(value)),
    ];
  });
  return plainTable(head, rows);
}

function loserLines(estimates: EstimatesSection): string[] {
  const races = racesOf(estimates.loserCalls);
  const lines = races.map((file) => {
    const calls = estimates.loserCalls.filter((call) => call.file === file);
    const first = calls[0];
    return `  ${file} (${first.source}): ${first.candidateId} at ${percent(first.probability)} at release ${first.releaseIndex}, ` +
      `${first.asOf}, ${percent(first.shareCounted)} counted` + (calls.length > 1 ? `; ${calls.length} releases in all` : '');
  });
  return [
    `Model: ${races.length} of ${estimates.earlyCalls.races} races. Fixed swing: ${estimates.fixedSwingLoserRaces} races.`,
    ...lines,
  ];
}

function earlyCallLines(calls: EarlyCallsReport): string[] {
  const summary = (label: string, called: { called: number; medianShareCounted: number }) =>
    `${label}: ${called.called} of ${calls.races} races called, median share counted at the call ${percent(called.medianShareCounted)}`;
  const callText = (call: RaceCall | null) => (call === null ? 'not called' : `release ${call.releaseIndex} (${percent(call.shareCounted)} counted)`);
  const table = plainTable(
    ['race', 'source', 'winner', 'releases', 'model', 'fixed swing'],
    calls.calls.map((call) => [call.file, call.source, call.winner, String(call.releases), callText(call.model), callText(call.fixedSwing)]),
  );
  return [summary('Model', calls.model), summary('Fixed swing', calls.fixedSwing), table];
}

function monteCarloNotes(report: BacktestReport): string[] {
  const { draws, meanStandardError, maxStandardError } = report.monteCarlo;
  return [
    `Each probability is a share of ${draws} draws: its standard error sqrt(p(1 − p)/${draws}) averages ${percent(meanStandardError, 2)} ` +
      `over the headline probabilities, and is at most ${percent(maxStandardError, 2)}.`,
    `It adds at most ${(0.25 / draws).toFixed(5)} to a Brier score, and can move a forecast across the 99% line. Interval ends are sample`,
    `quantiles of ${draws} draws. "± x" on coverage and reliability is the binomial standard error over releases, treating`,
    'releases as independent; releases of one race are not, so the true uncertainty of these figures is larger.',
    `Log loss clips probabilities to [${LOG_LOSS_CLIP}, 1 − ${LOG_LOSS_CLIP}]: a forecast of 0 that happens costs ${(-Math.log(LOG_LOSS_CLIP)).toFixed(1)} nats.`,
  ];
}

function section(title: string, blocks: readonly string[]): string {
  return [`== ${title} ==`, ...blocks].join('\n');
}
