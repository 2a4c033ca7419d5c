import { EVENT_SETS, LOG_LOSS_CLIP, type CalibrationReport, type EventSetName } from '../evaluate/index.ts';
import { coverageTable } from './format-coverage.ts';
import { reliabilityText } from './format-reliability.ts';
import { breakdownTable, scoresTable } from './format-scores.ts';
import { percent } from './numbers.ts';

/** How the run was made, for the report's heading. */
export interface RunSettings {
  readonly races: number;
  readonly seed: string;
  readonly stages: readonly number[];
  readonly draws: number;
  readonly overrides: unknown;
  readonly seconds: number;
}

const stageLabel = (stage: number) => `at ${Math.round(stage * 100)}%`;

/** The whole calibration report as text: settings, coverage, reliability, scores, breakdowns, notes, targets. */
export function formatReport(report: CalibrationReport, settings: RunSettings): string {
  return [
    heading(report, settings),
    section('Margin intervals: final share of the forecast\'s first minus its second, coverage ± standard error', [
      coverageTable([['all stages', report.pooled.coverage], ...report.stages.map((stage) => [stageLabel(stage.stage), stage.summary.coverage] as const)]),
      'Bands: where the true margin fell among the forecast quantiles. Width and |error| (true − p50) are medians, in points.',
    ]),
    section('Reliability of win probabilities: first place, the forecast\'s two leading candidates', [
      `All stages (${report.distinctForecasts} distinct forecasts):`,
      reliabilityText(report.pooled.eventSets.leaders.reliability),
      ...report.stages.flatMap((stage) => [`Stage ${stageLabel(stage.stage)}:`, reliabilityText(stage.summary.eventSets.leaders.reliability)]),
    ]),
    section('Scores by event set, all stages', [scoresTable(eventSetRows(report.pooled.eventSets))]),
    section('Scores of first place (two leaders) by stage', [
      scoresTable(report.stages.map((stage) => [stageLabel(stage.stage), stage.summary.eventSets.leaders] as const)),
    ]),
    section('Breakdowns (all stages, distinct forecasts; win columns: first place, two leaders)', [
      ...report.breakdowns.flatMap((breakdown) => [
        `By ${breakdown.dimension}:`,
        breakdownTable(breakdown.groups.map((group) => [group.label, group.summary] as const)),
      ]),
    ]),
    section('Notes on Monte Carlo error', notes(settings)),
    section('Targets', [
      ...report.targets.map((target) => `${target.passed ? 'PASS' : 'FAIL'}  ${target.name}: ${target.detail}`),
      `${report.targets.filter((target) => target.passed).length} of ${report.targets.length} targets passed.`,
    ]),
  ].join('\n\n');
}

function heading(report: CalibrationReport, settings: RunSettings): string {
  const overrides = JSON.stringify(settings.overrides);
  const stages = report.stages.map(
    (stage) =>
      `  ${stageLabel(stage.stage)}: counted p05 ${percent(stage.fractionCounted.p05)}, median ${percent(stage.fractionCounted.p50)}, ` +
      `p95 ${percent(stage.fractionCounted.p95)}; ${stage.sameReleaseAsEarlierStage} races at the same release as an earlier stage`,
  );
  return [
    `ballotcast calibration: ${settings.races} synthetic races, seed "${settings.seed}", ${settings.draws} draws per forecast, ` +
      `generator overrides ${overrides === '{}' ? 'none' : overrides}`,
    `${report.stageForecasts} stage forecasts, ${report.distinctForecasts} distinct (race, release) pairs, in ${settings.seconds.toFixed(1)} s`,
    ...stages,
  ].join('\n');
}

function section(title: string, blocks: readonly string[]): string {
  return [`== ${title} ==`, ...blocks].join('\n');
}

function eventSetRows(eventSets: CalibrationReport['pooled']['eventSets']) {
  return (Object.keys(EVENT_SETS) as EventSetName[]).map((name) => [EVENT_SETS[name].label, eventSets[name]] as const);
}

function notes(settings: RunSettings): string[] {
  const perProbability = Math.sqrt(0.25 / settings.draws);
  return [
    '- "± x" is a binomial standard error, sqrt(p(1 − p)/n), in points: the error of the calibration estimate from scoring',
    '  a finite number of forecasts. It treats forecasts as independent. Stages of one race are not, so pooled errors are',
    '  somewhat too small; within one stage, each race gives one forecast, and its two leaders fall in mirror bins.',
    `- Each forecast probability is itself a share of ${settings.draws} draws: its own error is at most ${percent(perProbability, 2)}.`,
    '  That noise averages out in bin means and coverage; it adds at most 0.25/draws to the Brier score ' +
      `(${(0.25 / settings.draws).toFixed(5)}), and it can move a forecast across the 99% line.`,
    `  Interval ends are sample quantiles of ${settings.draws} draws; their expected coverage is within ${percent(1 / settings.draws, 2)} of nominal.`,
    `- Log loss clips probabilities to [${LOG_LOSS_CLIP}, 1 − ${LOG_LOSS_CLIP}]: a forecast of 0 that happens costs ${(-Math.log(LOG_LOSS_CLIP)).toFixed(1)} nats.`,
    '- Reliability: "observed ± x" is the bin\'s observed rate with its standard error; z is the gap over the standard error',
    '  a calibrated bin of the same forecasts would have, sqrt(sum p(1 − p))/n, which stays finite when a bin is all hits.',
    '- Baselines: "1/k Brier" gives each of k candidates 1/k; "leader Brier" gives 1 to whoever leads the count so far.',
  ];
}
