import type { Forecast } from '../../core/schemas/index.ts';

/** The result the replay is judged against: the last release, where nothing is left to count. */
export interface FinalResult {
  readonly winnerId: string;
  /** First minus second of each forecast's `margin.between`, as a share of all votes, at the end. */
  readonly marginShareOf: (between: readonly [string, string]) => number;
}

/** Reads the final result from the last forecast of a replay, whose count is complete. */
export function finalResult(forecasts: readonly Forecast[]): FinalResult {
  const last = forecasts[forecasts.length - 1];
  const counted = new Map(last.candidates.map((candidate) => [candidate.id, candidate.votesCounted ?? 0]));
  const total = [...counted.values()].reduce((sum, votes) => sum + votes, 0);
  const winnerId = [...counted.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return { winnerId, marginShareOf: ([first, second]) => ((counted.get(first) ?? 0) - (counted.get(second) ?? 0)) / total };
}

/** Per release: the winner's chance, and whether the final margin fell inside the 50% and 90% ranges. */
export interface ReleaseCheck {
  readonly winnerChance: number;
  readonly inside50: boolean;
  readonly inside90: boolean;
}

export function checkRelease(forecast: Forecast, result: FinalResult): ReleaseCheck {
  const truth = result.marginShareOf(forecast.margin.between);
  const { p05, p25, p75, p95 } = forecast.margin.share;
  const winner = forecast.candidates.find((candidate) => candidate.id === result.winnerId);
  return {
    winnerChance: winner?.winProbability ?? 0,
    inside50: truth >= p25 && truth <= p75,
    inside90: truth >= p05 && truth <= p95,
  };
}

/** One-based number of the first release from which `holds` is true at every later release, if any. */
export function firstReleaseFromWhich(checks: readonly ReleaseCheck[], holds: (check: ReleaseCheck) => boolean): number | undefined {
  let first: number | undefined;
  checks.forEach((check, index) => {
    if (!holds(check)) first = undefined;
    else first ??= index + 1;
  });
  return first;
}
