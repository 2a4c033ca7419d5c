import { median } from 'simple-statistics';
import { groupBy } from '../../calibration/evaluate/group-by.ts';
import type { BacktestForecast } from '../score/backtest-file.ts';

/** The probability that counts as a call. */
export const CALL_THRESHOLD = 0.99;

/** The release at which a race was called. */
export interface RaceCall {
  readonly releaseIndex: number;
  readonly asOf: string;
  readonly shareCounted: number;
}

/** When a race was called for its eventual winner, by the model and by the fixed-swing baseline. */
export interface EarlyCall {
  readonly file: string;
  readonly raceId: string;
  readonly source: string;
  readonly winner: string;
  /** Releases forecast (all but the last). */
  readonly releases: number;
  /** The first release from which the winner held >= 99% at every later release forecast; null if never. */
  readonly model: RaceCall | null;
  readonly fixedSwing: RaceCall | null;
}

/** How many races were called, and how early. */
export interface CallSummary {
  readonly called: number;
  /** Median share counted at the call over the races called; NaN when none. */
  readonly medianShareCounted: number;
}

export interface EarlyCallsReport {
  readonly races: number;
  readonly model: CallSummary;
  readonly fixedSwing: CallSummary;
  readonly calls: readonly EarlyCall[];
}

/**
 * For each race (file), the first release at which the eventual winner holds >= 99% "for good": at that
 * release and at every later one forecast. A race whose winner drops below 99% at its last forecast
 * release is not called. Forecasts of a file must be in release order (as `backtestFile` returns them).
 * @example earlyCalls(forecasts).model // { called: 1, medianShareCounted: 0.8 } for one race called at 80% counted
 */
export function earlyCalls(forecasts: readonly BacktestForecast[]): EarlyCallsReport {
  const calls = [...groupBy(forecasts, (forecast) => forecast.file).values()].map((race): EarlyCall => {
    const { file, raceId, source, truth } = race[0];
    return {
      file,
      raceId,
      source,
      winner: truth.winner,
      releases: race.length,
      model: callForGood(race, (forecast) => forecast.probabilities[truth.winner]),
      fixedSwing: callForGood(race, (forecast) => forecast.baselines.fixedSwing[truth.winner]),
    };
  });
  return { races: calls.length, model: summarizeCalls(calls.map((call) => call.model)), fixedSwing: summarizeCalls(calls.map((call) => call.fixedSwing)), calls };
}

/** The start of the final run of releases at >= 99%, or null when the last release is below it. */
export function callForGood(
  race: readonly BacktestForecast[],
  probabilityOf: (forecast: BacktestForecast) => number,
): RaceCall | null {
  let first = race.length;
  while (first > 0 && probabilityOf(race[first - 1]) >= CALL_THRESHOLD) first--;
  if (first === race.length) return null;
  const { releaseIndex, asOf, fractionCounted } = race[first];
  return { releaseIndex, asOf, shareCounted: fractionCounted };
}

function summarizeCalls(calls: readonly (RaceCall | null)[]): CallSummary {
  const shares = calls.filter((call) => call !== null).map((call) => call.shareCounted);
  return { called: shares.length, medianShareCounted: shares.length === 0 ? Number.NaN : median(shares) };
}
