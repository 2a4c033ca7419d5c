import { CALL_THRESHOLD } from './early-calls.ts';
import type { BacktestForecast } from '../score/backtest-file.ts';

/** A release at which a candidate who did not finish first was given >= 99%. */
export interface LoserCall {
  readonly file: string;
  readonly raceId: string;
  readonly source: string;
  readonly candidateId: string;
  readonly probability: number;
  readonly releaseIndex: number;
  readonly asOf: string;
  readonly shareCounted: number;
}

/**
 * Every forecast in which an eventual loser (any candidate but the final first) had a chance of
 * finishing first of at least 99%, by `probabilityOf` (the model's by default), in input order.
 * @example loserCalls(forecasts).length // 0 for a model that never called a race wrongly
 */
export function loserCalls(
  forecasts: readonly BacktestForecast[],
  probabilitiesOf: (forecast: BacktestForecast) => Readonly<Record<string, number>> = (forecast) => forecast.probabilities,
): LoserCall[] {
  return forecasts.flatMap((forecast) =>
    Object.entries(probabilitiesOf(forecast))
      .filter(([candidateId, probability]) => candidateId !== forecast.truth.winner && probability >= CALL_THRESHOLD)
      .map(([candidateId, probability]) => ({
        file: forecast.file,
        raceId: forecast.raceId,
        source: forecast.source,
        candidateId,
        probability,
        releaseIndex: forecast.releaseIndex,
        asOf: forecast.asOf,
        shareCounted: forecast.fractionCounted,
      })),
  );
}

/** The distinct files among loser calls, in order of first appearance. */
export function racesOf(calls: readonly LoserCall[]): string[] {
  return [...new Set(calls.map((call) => call.file))];
}
