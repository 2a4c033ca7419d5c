import { describe, expect, it } from 'vitest';
import {
  brierScore,
  buildReport,
  falseCalls,
  logLoss,
  probabilityEvents,
  proportion,
  reliabilityTable,
  scoreForecast,
  scoreMargin,
  summarizeCoverage,
  type MarginScore,
  type ProbabilityForecast,
  type ScoredForecast,
} from '../../calibration/evaluate/index.ts';

/** Freezes an object and everything in it, to prove a function does not change its input. */
function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** A margin forecast of a over b with the given quantiles (mean = p50). */
const marginOf = (p05: number, p25: number, p50: number, p75: number, p95: number) =>
  deepFreeze({ margin: { between: ['a', 'b'] as [string, string], share: { mean: p50, p05, p25, p50, p75, p95 } } });

const sharesWithMargin = (margin: number) => deepFreeze({ finalShares: { a: (1 + margin) / 2, b: (1 - margin) / 2 } });

describe('proportion', () => {
  it('gives the rate and its binomial standard error', () => {
    expect(proportion(90, 100)).toEqual({ count: 90, total: 100, rate: 0.9, standardError: expect.closeTo(0.03, 12) });
  });

  it('gives NaN for an empty total and rejects impossible counts', () => {
    expect(proportion(0, 0).rate).toBeNaN();
    expect(() => proportion(3, 2)).toThrow(RangeError);
    expect(() => proportion(-1, 2)).toThrow(RangeError);
  });
});

describe('scoreMargin', () => {
  const forecast = marginOf(0, 0.05, 0.1, 0.15, 0.2);

  it('scores a true margin inside both intervals, with its band, width and error', () => {
    const score = scoreMargin(forecast, deepFreeze({ finalShares: { a: 0.56, b: 0.44, c: 0 } }));

    expect(score).toEqual({
      trueMargin: expect.closeTo(0.12, 12),
      in50: true,
      in90: true,
      band: 3,
      width90: 0.2,
      error: expect.closeTo(0.02, 12),
    });
  });

  it('counts the interval bounds as inside', () => {
    expect(scoreMargin(forecast, sharesWithMargin(0.15))).toMatchObject({ in50: true, in90: true, band: 3 });
    expect(scoreMargin(forecast, sharesWithMargin(0.05))).toMatchObject({ in50: true, in90: true, band: 2 });
    expect(scoreMargin(forecast, sharesWithMargin(0.2))).toMatchObject({ in50: false, in90: true, band: 4 });
    expect(scoreMargin(forecast, sharesWithMargin(0))).toMatchObject({ in50: false, in90: true, band: 1 });
  });

  it('takes the margin in the forecast\'s order, negative when its second finished ahead', () => {
    const score = scoreMargin(forecast, sharesWithMargin(-0.04));

    expect(score.trueMargin).toBeCloseTo(-0.04, 12);
    expect(score).toMatchObject({ in50: false, in90: false, band: 0 });
  });

  it('puts a margin beyond p95 in the top band', () => {
    expect(scoreMargin(forecast, sharesWithMargin(0.3))).toMatchObject({ in50: false, in90: false, band: 5 });
  });
});

describe('probabilityEvents', () => {
  const candidate = (id: string, winProbability: number, votesCounted: number, extra: object = {}) => ({ id, winProbability, votesCounted, ...extra });

  it('gives one first-place event per candidate under plurality', () => {
    const forecast: ProbabilityForecast = deepFreeze({
      candidates: [candidate('a', 0.8, 100), candidate('b', 0.2, 120)],
      margin: { between: ['a', 'b'] },
    });
    const truth = deepFreeze({ ranking: ['a', 'b'], winnerIds: ['a'], outcome: 'won' as const });

    expect(probabilityEvents(forecast, truth)).toEqual([
      { kind: 'first', candidateId: 'a', predicted: 0.8, happened: true, leading: true, leadsCount: false, candidateCount: 2 },
      { kind: 'first', candidateId: 'b', predicted: 0.2, happened: false, leading: true, leadsCount: true, candidateCount: 2 },
    ]);
  });

  it('adds outright, advance and runoff events under majority, scored against a runoff', () => {
    const forecast: ProbabilityForecast = deepFreeze({
      candidates: [
        candidate('a', 0.6, 400, { outrightProbability: 0.3, advanceProbability: 0.95 }),
        candidate('b', 0.35, 350, { outrightProbability: 0.1, advanceProbability: 0.8 }),
        candidate('c', 0.05, 100, { outrightProbability: 0, advanceProbability: 0.15 }),
      ],
      runoffProbability: 0.6,
      margin: { between: ['a', 'b'] },
    });
    const truth = deepFreeze({ ranking: ['b', 'a', 'c'], winnerIds: ['b', 'a'], outcome: 'runoff' as const });

    const events = probabilityEvents(forecast, truth);
    const outcomes = events.map((event) => [event.kind, event.candidateId, event.predicted, event.happened]);

    expect(outcomes).toEqual([
      ['first', 'a', 0.6, false],
      ['outright', 'a', 0.3, false],
      ['advance', 'a', 0.95, true],
      ['first', 'b', 0.35, true],
      ['outright', 'b', 0.1, false],
      ['advance', 'b', 0.8, true],
      ['first', 'c', 0.05, false],
      ['outright', 'c', 0, false],
      ['advance', 'c', 0.15, false],
      ['runoff', null, 0.6, true],
    ]);
    expect(events.filter((event) => event.leading).map((event) => event.candidateId)).toEqual(['a', 'a', 'a', 'b', 'b', 'b', null]);
  });

  it('scores outright wins under majority and advancing under top-two', () => {
    const majority: ProbabilityForecast = {
      candidates: [candidate('a', 0.9, 600, { outrightProbability: 0.7, advanceProbability: 1 }), candidate('b', 0.1, 300, { outrightProbability: 0, advanceProbability: 0.3 })],
      runoffProbability: 0.3,
      margin: { between: ['a', 'b'] },
    };
    const wonOutright = { ranking: ['a', 'b'], winnerIds: ['a'], outcome: 'won' as const };
    const topTwo: ProbabilityForecast = {
      candidates: [candidate('a', 0.5, 1, { advanceProbability: 0.9 }), candidate('b', 0.3, 1, { advanceProbability: 0.7 }), candidate('c', 0.2, 1, { advanceProbability: 0.4 })],
      margin: { between: ['a', 'b'] },
    };
    const advanced = { ranking: ['c', 'a', 'b'], winnerIds: ['c', 'a'], outcome: 'advance' as const };

    const happened = (forecast: ProbabilityForecast, truth: typeof wonOutright | typeof advanced, kind: string) =>
      probabilityEvents(forecast, truth).filter((event) => event.kind === kind).map((event) => event.happened);

    expect(happened(majority, wonOutright, 'outright')).toEqual([true, false]);
    expect(happened(majority, wonOutright, 'advance')).toEqual([true, false]);
    expect(happened(majority, wonOutright, 'runoff')).toEqual([false]);
    expect(happened(topTwo, advanced, 'advance')).toEqual([true, false, true]);
    expect(happened(topTwo, advanced, 'first')).toEqual([false, false, true]);
  });
});

describe('reliabilityTable', () => {
  const events = deepFreeze([
    { predicted: 0.95, happened: true },
    { predicted: 0.91, happened: false },
    { predicted: 1, happened: true },
    { predicted: 0.05, happened: false },
    { predicted: 0, happened: false },
    { predicted: 0.35, happened: true },
  ]);

  it('bins by forecast probability, with a probability of 1 in the last bin', () => {
    const table = reliabilityTable(events, 10);

    expect(table.map((bin) => bin.count)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 3]);
    expect(table[9]).toMatchObject({ low: 0.9, high: 1, count: 3 });
    expect(table[9].meanPredicted).toBeCloseTo(0.953333, 5);
    expect(table[9].observedRate).toBeCloseTo(2 / 3, 12);
    expect(table[9].standardError).toBeCloseTo(Math.sqrt((2 / 3) * (1 / 3) / 3), 12);
    expect(table[9].gap).toBeCloseTo(2 / 3 - 0.953333, 5);
    expect(table[9].calibratedStandardError).toBeCloseTo(Math.sqrt(0.95 * 0.05 + 0.91 * 0.09) / 3, 12);
    expect(table[0]).toMatchObject({ meanPredicted: 0.025, observedRate: 0, standardError: 0 });
  });

  it('leaves empty bins as NaN and rejects a bad bin count', () => {
    expect(reliabilityTable(events, 10)[1].meanPredicted).toBeNaN();
    expect(() => reliabilityTable(events, 0)).toThrow(RangeError);
  });
});

describe('brierScore and logLoss', () => {
  const events = deepFreeze([
    { predicted: 0.8, happened: true },
    { predicted: 0.2, happened: false },
  ]);

  it('give known values', () => {
    expect(brierScore(events)).toBeCloseTo(0.04, 12);
    expect(logLoss(events)).toBeCloseTo(-Math.log(0.8), 12);
    expect(logLoss([{ predicted: 0.5, happened: true }])).toBeCloseTo(Math.LN2, 12);
  });

  it('score a baseline on the same events', () => {
    expect(brierScore(events, () => 0.5)).toBeCloseTo(0.25, 12);
  });

  it('clip probabilities to [1e-6, 1 - 1e-6] in the log loss', () => {
    expect(logLoss([{ predicted: 0, happened: true }])).toBeCloseTo(-Math.log(1e-6), 9);
    expect(logLoss([{ predicted: 1, happened: false }])).toBeCloseTo(-Math.log(1e-6), 6);
    expect(logLoss([{ predicted: 1, happened: true }])).toBeCloseTo(1e-6, 9);
  });

  it('give NaN for no events', () => {
    expect(brierScore([])).toBeNaN();
    expect(logLoss([])).toBeNaN();
  });
});

describe('falseCalls', () => {
  it('counts confident forecasts that failed, and dismissed ones that happened, at 99% inclusive', () => {
    const calls = falseCalls([
      { predicted: 0.99, happened: false },
      { predicted: 0.995, happened: true },
      { predicted: 1, happened: true },
      { predicted: 0.98, happened: false },
      { predicted: 0.01, happened: true },
      { predicted: 0, happened: false },
      { predicted: 0.02, happened: true },
    ]);

    expect(calls.confident).toMatchObject({ count: 1, total: 3 });
    expect(calls.dismissed).toMatchObject({ count: 1, total: 2, rate: 0.5 });
  });
});

describe('summarizeCoverage', () => {
  it('gives coverage, the share in each band, and median width and error', () => {
    const score = (trueMargin: number) => scoreMargin(marginOf(-0.1, -0.05, 0, 0.05, 0.1), sharesWithMargin(trueMargin));
    const scores: MarginScore[] = [-0.2, -0.07, -0.01, 0.02, 0.08, 0.3, 0.04, 0.01].map(score);

    const coverage = summarizeCoverage(scores);

    expect(coverage.in90).toMatchObject({ count: 6, total: 8, rate: 0.75 });
    expect(coverage.in50).toMatchObject({ count: 4, total: 8, rate: 0.5 });
    expect(coverage.bands.map((band) => band.count)).toEqual([1, 1, 1, 3, 1, 1]);
    expect(coverage.medianWidth90).toBeCloseTo(0.2, 12);
    expect(coverage.medianAbsoluteError).toBeCloseTo(0.055, 12);
  });
});

describe('buildReport', () => {
  /** A scored two-candidate forecast at a stage: a given 0.9 and winning, margin inside both intervals or not. */
  function scored(raceId: string, releaseIndex: number, stage: number, inside: boolean): ScoredForecast {
    const forecast = {
      ...marginOf(0, 0.05, 0.1, 0.15, 0.2),
      candidates: [{ id: 'a', winProbability: 0.9, votesCounted: 10 }, { id: 'b', winProbability: 0.1, votesCounted: 5 }],
    };
    const truth = { ...sharesWithMargin(inside ? 0.1 : 0.5), ranking: ['a', 'b'], winnerIds: ['a'], outcome: 'won' as const };
    return scoreForecast(forecast, truth, { raceId, releaseIndex, stage, fractionCounted: stage, tags: { rule: 'plurality' } });
  }

  it('pools distinct (race, release) pairs once, reports stages apart, and checks the targets', () => {
    const forecasts = [scored('r1', 0, 0.3, true), scored('r1', 0, 0.6, true), scored('r2', 1, 0.3, false), scored('r2', 2, 0.6, true)];

    const report = buildReport(deepFreeze(forecasts), { rule: ['plurality'] });

    expect(report).toMatchObject({ stageForecasts: 4, distinctForecasts: 3 });
    expect(report.pooled.coverage.in90).toMatchObject({ count: 2, total: 3 });
    expect(report.stages.map((stage) => [stage.stage, stage.sameReleaseAsEarlierStage, stage.summary.coverage.in90.count])).toEqual([
      [0.3, 0, 1],
      [0.6, 1, 2],
    ]);
    expect(report.breakdowns).toMatchObject([{ dimension: 'rule', groups: [{ label: 'plurality', summary: { forecasts: 3 } }] }]);
    expect(report.targets.map((target) => [target.name, target.passed])).toEqual([
      ['90% margin intervals, all stages', false],
      ['90% margin intervals, at 30%', false],
      ['90% margin intervals, at 60%', false],
      ['50% margin intervals, all stages', false],
      ['50% margin intervals, at 30%', true], // one of two inside: 50%
      ['50% margin intervals, at 60%', false],
      ['reliability bins (first place, two leaders, all stages)', true],
      ['false calls at >= 99% (first place, every candidate, all stages)', true],
    ]);
  });
});
