import { scoreForecast } from '../../calibration/evaluate/score-forecast.ts';
import type { EstimatesKind } from '../../backtest/corpus/corpus-info.ts';
import type { BacktestForecast } from '../../backtest/score/backtest-file.ts';
import type { EstimateAccuracy } from '../../backtest/score/estimate-accuracy.ts';

/** What a handmade backtest forecast of a two-candidate race (a v b) is made of. */
export interface RowSpec {
  readonly file?: string;
  readonly source?: string;
  readonly estimates?: EstimatesKind;
  readonly releaseIndex?: number;
  readonly fractionCounted?: number;
  /** The model's chance that a finishes first; b gets the rest. */
  readonly model: number;
  readonly countedSplit?: number;
  readonly fixedSwing?: number;
  /** p05, p25, p50, p75, p95 of a's margin over b, as a share of all votes. */
  readonly quantiles?: readonly [number, number, number, number, number];
  /** Final share of a minus final share of b: a wins when positive. */
  readonly trueMargin: number;
  readonly estimateAccuracy?: EstimateAccuracy;
}

/**
 * A scored backtest forecast built by hand, through calibration's `scoreForecast`, so that tests know
 * every probability and the truth without running the model.
 */
export function backtestRow(spec: RowSpec): BacktestForecast {
  const file = spec.file ?? 'race.json';
  const releaseIndex = spec.releaseIndex ?? 0;
  const fractionCounted = spec.fractionCounted ?? 0.6;
  const [p05, p25, p50, p75, p95] = spec.quantiles ?? [0, 0.05, 0.1, 0.15, 0.2];
  const between: [string, string] = ['a', 'b'];
  const share = { mean: p50, p05, p25, p50, p75, p95 };
  const ranking = spec.trueMargin > 0 ? ['a', 'b'] : ['b', 'a'];
  const truth = { ranking, winnerIds: [ranking[0]], outcome: 'won' as const, finalShares: { a: (1 + spec.trueMargin) / 2, b: (1 - spec.trueMargin) / 2 } };
  const probabilities = { a: spec.model, b: 1 - spec.model };
  const forecast = {
    candidates: [
      { id: 'a', winProbability: probabilities.a, votesCounted: 0 },
      { id: 'b', winProbability: probabilities.b, votesCounted: 0 },
    ],
    margin: { between, share },
  };
  const scored = scoreForecast(forecast, truth, { raceId: file, releaseIndex, stage: fractionCounted, fractionCounted, tags: {} });
  const pair = (p: number) => ({ a: p, b: 1 - p });
  return {
    ...scored,
    file,
    source: spec.source ?? 'test',
    estimates: spec.estimates ?? 'derived',
    asOf: `2024-11-${String(5 + releaseIndex).padStart(2, '0')}T20:00:00-08:00`,
    probabilities,
    baselines: { countedSplit: pair(spec.countedSplit ?? 0.5), fixedSwing: pair(spec.fixedSwing ?? 0.5) },
    marginQuantiles: { between, share },
    truth: { winner: ranking[0], ranking, outcome: 'won' },
    monteCarloError: 0,
    estimateAccuracy: spec.estimateAccuracy ?? 'within 2x',
  };
}
