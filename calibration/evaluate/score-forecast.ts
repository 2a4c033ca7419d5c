import type { RaceTruth } from '../generator/index.ts';
import { probabilityEvents, type ProbabilityEvent, type ProbabilityForecast } from './probability-events.ts';
import { scoreMargin, type MarginForecast, type MarginScore } from './score-margin.ts';

/** Where a forecast comes from: its race and release, and labels to break the results down by. */
export interface ForecastOrigin {
  readonly raceId: string;
  /** Zero-based index of the release forecast. */
  readonly releaseIndex: number;
  /** The stage asked for: the fraction counted passed to `truncateAt`, in [0, 1]. */
  readonly stage: number;
  /** Fraction of the final total actually counted at that release, in [0, 1]. */
  readonly fractionCounted: number;
  /** Labels such as { rule: 'majority', candidates: '3+' }, for breakdowns. */
  readonly tags: Readonly<Record<string, string>>;
}

/** One forecast, scored: its margin interval and every probability it stated, against the truth. */
export interface ScoredForecast extends ForecastOrigin {
  readonly margin: MarginScore;
  readonly events: readonly ProbabilityEvent[];
}

/**
 * Scores one forecast against the truth of its race (see `scoreMargin` and `probabilityEvents`).
 * @example scoreForecast(forecast, truth, origin).margin.in90 // true when the final margin fell in [p05, p95]
 */
export function scoreForecast(
  forecast: MarginForecast & ProbabilityForecast,
  truth: Pick<RaceTruth, 'finalShares' | 'ranking' | 'winnerIds' | 'outcome'>,
  origin: ForecastOrigin,
): ScoredForecast {
  return { ...origin, margin: scoreMargin(forecast, truth), events: probabilityEvents(forecast, truth) };
}

/**
 * The forecasts with distinct (race, release): when two stages of a race fall on the same release, its
 * forecast is the same, and pooled figures should count it once. The first of each is kept.
 */
export function distinctForecasts(scored: readonly ScoredForecast[]): ScoredForecast[] {
  const seen = new Set<string>();
  return scored.filter((forecast) => {
    const key = `${forecast.raceId}#${forecast.releaseIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
