import { describe, expect, it } from 'vitest';
import { buildBacktestReport } from '../../backtest/evaluate/build-backtest-report.ts';
import { checkBacktestTargets } from '../../backtest/evaluate/check-backtest-targets.ts';
import { earlyCalls } from '../../backtest/evaluate/early-calls.ts';
import { loserCalls, racesOf } from '../../backtest/evaluate/loser-calls.ts';
import { summarizeBacktest } from '../../backtest/evaluate/summarize-backtest.ts';
import { backtestRow, type RowSpec } from './backtest-rows.ts';

// Two forecasts of a v b. First: a at 0.8, a wins by 12 points, inside both intervals [0.05, 0.15] and
// [0, 0.2]. Second: a at 0.6, b wins by 2 points, outside both ([0.02, 0.06] and [0, 0.08]).
const first = backtestRow({ model: 0.8, countedSplit: 0.5, fixedSwing: 0.9, trueMargin: 0.12, quantiles: [0, 0.05, 0.1, 0.15, 0.2] });
const second = backtestRow({ releaseIndex: 1, model: 0.6, countedSplit: 0.7, fixedSwing: 0.1, trueMargin: -0.02, quantiles: [0, 0.02, 0.04, 0.06, 0.08] });

describe('summarizeBacktest', () => {
  const summary = summarizeBacktest('all', [first, second]);

  it('counts margin coverage, with standard errors', () => {
    expect(summary.calibration.coverage.in90).toMatchObject({ count: 1, total: 2, rate: 0.5, standardError: Math.sqrt(0.125) });
    expect(summary.calibration.coverage.in50.count).toBe(1);
  });

  it('scores the two leaders finishing first for the model and both baselines, by hand', () => {
    // Model: squared errors 0.04, 0.04, 0.36, 0.36. Counted split: 0.25, 0.25, 0.49, 0.49. Fixed swing: 0.01 each.
    expect(summary.winner.events).toBe(4);
    expect(summary.winner.model.brierScore).toBeCloseTo(0.2, 12);
    expect(summary.winner.countedSplit.brierScore).toBeCloseTo(0.37, 12);
    expect(summary.winner.fixedSwing.brierScore).toBeCloseTo(0.01, 12);
    expect(summary.winner.model.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4)) / 2, 12);
    expect(summary.winner.fixedSwing.logLoss).toBeCloseTo(-Math.log(0.9), 12);
  });

  it('counts races by file', () => {
    expect(summary.races).toBe(1);
    expect(summary.forecasts).toBe(2);
  });
});

describe('earlyCalls', () => {
  const race = (file: string, models: readonly number[], swings: readonly number[], trueMargin = 0.1) =>
    models.map((model, releaseIndex) =>
      backtestRow({ file, releaseIndex, fractionCounted: 0.2 * (releaseIndex + 1), model, fixedSwing: swings[releaseIndex], trueMargin }),
    );

  it('finds the first release from which the winner stays at >= 99%', () => {
    const calls = earlyCalls(race('x.json', [0.995, 0.5, 0.99, 0.999], [0.2, 0.995, 0.999, 1]));

    expect(calls.calls[0].model).toEqual({ releaseIndex: 2, asOf: '2024-11-07T20:00:00-08:00', shareCounted: 0.6000000000000001 });
    expect(calls.calls[0].fixedSwing?.releaseIndex).toBe(1);
  });

  it('does not call a race whose winner is below 99% at the last release forecast, and takes the median over races called', () => {
    const forecasts = [
      ...race('never.json', [0.999, 0.98], [0.5, 0.5]),
      ...race('early.json', [0.999, 0.999], [0.5, 0.999]),
      // b wins this one: a at 0.001 means b at 0.999.
      ...race('late.json', [0.5, 0.001, 0.001], [0.5, 0.5, 0.5], -0.1),
    ];

    const calls = earlyCalls(forecasts);

    expect(calls.races).toBe(3);
    expect(calls.calls.map((call) => call.model?.releaseIndex ?? null)).toEqual([null, 0, 1]);
    expect(calls.model).toEqual({ called: 2, medianShareCounted: (0.2 + 0.4) / 2 });
    expect(calls.fixedSwing.called).toBe(1);
  });
});

describe('loserCalls', () => {
  it('lists every forecast giving an eventual loser >= 99%, and the races they are in', () => {
    const forecasts = [
      backtestRow({ file: 'wrong.json', model: 0.995, trueMargin: -0.01, fractionCounted: 0.4 }),
      backtestRow({ file: 'wrong.json', releaseIndex: 1, model: 0.2, trueMargin: -0.01 }),
      backtestRow({ file: 'right.json', model: 0.999, trueMargin: 0.05 }),
      backtestRow({ file: 'close.json', model: 0.0101, trueMargin: 0.05 }),
    ];

    const calls = loserCalls(forecasts);

    expect(calls).toEqual([
      { file: 'wrong.json', raceId: 'wrong.json', source: 'test', candidateId: 'a', probability: 0.995, releaseIndex: 0, asOf: '2024-11-05T20:00:00-08:00', shareCounted: 0.4 },
    ]);
    expect(racesOf(calls)).toEqual(['wrong.json']);
    expect(racesOf(loserCalls(forecasts, (forecast) => forecast.baselines.countedSplit))).toEqual([]);
  });
});

describe('buildBacktestReport', () => {
  const rows = (count: number, spec: (index: number) => RowSpec) => Array.from({ length: count }, (_, index) => backtestRow(spec(index)));

  it('reports oracle-estimate sources apart, and checks the targets on derived ones only', () => {
    const derived = rows(3, (index) => ({ file: `d${index}.json`, model: 0.9, trueMargin: 0.1, fractionCounted: [0.1, 0.6, 0.97][index] }));
    const oracle = [backtestRow({ file: 'o.json', source: 'hindsight', estimates: 'oracle', model: 0.999, trueMargin: -0.1 })];

    const report = buildBacktestReport([...oracle, ...derived], 2000);

    expect(report.sections.map((section) => section.estimates)).toEqual(['derived', 'oracle']);
    expect(report.sections[0].byShare.map((group) => group.forecasts)).toEqual([1, 1, 0, 1]);
    expect(report.sections[0].byEstimateAccuracy.map((group) => group.forecasts)).toEqual([0, 3, 0, 0]);
    expect(report.sections[1].loserCalls).toHaveLength(1);
    expect(report.targets.find((target) => target.name.startsWith('no race'))?.passed).toBe(true);
    expect(report.monteCarlo.maxStandardError).toBeCloseTo(Math.sqrt(0.25 / 2000), 12);
  });

  it('gates coverage only in groups with >= 100 releases', () => {
    // 99 releases at 60% counted, 79 of them inside the 90% interval: too few to gate.
    const spec = (index: number): RowSpec => ({ file: `r${index}.json`, model: 0.9, trueMargin: index < 79 ? 0.1 : 0.5 });
    const few = buildBacktestReport(rows(99, spec), 2000).targets[0];
    const enough = buildBacktestReport(rows(100, spec), 2000).targets[0];

    expect(few.passed).toBe(true);
    expect(few.detail).toContain('not tested');
    expect(enough.passed).toBe(false);
    expect(enough.detail).toContain('OUTSIDE all releases 79.0%');
    expect(enough.detail).toContain('OUTSIDE 50-80% counted');
  });

  it('passes the log-loss target only when the model beats both baselines', () => {
    const better = buildBacktestReport(rows(4, (index) => ({ file: `r${index}.json`, model: 0.9, countedSplit: 0.6, fixedSwing: 0.8, trueMargin: 0.1 })), 2000);
    const worse = buildBacktestReport(rows(4, (index) => ({ file: `r${index}.json`, model: 0.9, countedSplit: 0.6, fixedSwing: 0.95, trueMargin: 0.1 })), 2000);
    const logLossTarget = (report: typeof better) => report.targets.find((target) => target.name.startsWith('log loss'))!;

    expect(logLossTarget(better).passed).toBe(true);
    expect(logLossTarget(worse).passed).toBe(false);
  });

  it('fails when there is nothing from derived-estimate sources to check', () => {
    expect(checkBacktestTargets(undefined)).toEqual([expect.objectContaining({ passed: false })]);
  });
});
