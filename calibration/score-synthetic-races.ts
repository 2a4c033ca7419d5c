import { forecastRace } from '../core/forecast-race.ts';
import type { ModelParameters } from '../core/model/parameters.ts';
import type { Forecast } from '../core/schemas/index.ts';
import { scoreForecast, type ScoredForecast } from './evaluate/score-forecast.ts';
import {
  fractionCountedByRelease,
  generateRaces,
  truncateAt,
  type GeneratedRace,
  type GeneratorOptionsOverrides,
} from './generator/index.ts';
import { raceTags } from './race-tags.ts';

/** What to score: how many synthetic races, at which stages of their counts, with how many draws. */
export interface ScoringPlan {
  readonly races: number;
  /** Seed of the generator; the forecasts use `${seed}/forecast/${releaseIndex}`. */
  readonly seed: string;
  /** Fractions counted to forecast at, each in [0, 1], such as [0.3, 0.6, 0.9]. */
  readonly stages: readonly number[];
  /** Monte Carlo draws per forecast. */
  readonly draws: number;
  readonly overrides?: GeneratorOptionsOverrides;
  /** Model parameters to try instead of the defaults (for studying a change before it is made). */
  readonly parameters?: ModelParameters;
  /** Called after each race with (races done, races in all). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Generates `races` synthetic races, forecasts each at every stage (the count file cut by `truncateAt`
 * at that fraction, so the model sees nothing after it), and scores every forecast against the race's
 * truth. Two stages that fall on the same release share one forecast. Returns one scored forecast per
 * race and stage, race by race. Deterministic: the same plan gives deep-equal output.
 */
export function scoreSyntheticRaces(plan: ScoringPlan): ScoredForecast[] {
  const scored: ScoredForecast[] = [];
  let done = 0;
  for (const race of generateRaces(plan.races, plan.seed, plan.overrides)) {
    scored.push(...scoreRaceStages(race, plan));
    plan.onProgress?.(++done, plan.races);
  }
  return scored;
}

/** One race's scored forecasts, one per stage. */
function scoreRaceStages(race: GeneratedRace, plan: ScoringPlan): ScoredForecast[] {
  const fractions = fractionCountedByRelease(race.countFile);
  const forecasts = new Map<number, Forecast>();
  return plan.stages.map((stage) => {
    const truncated = truncateAt(race.countFile, stage);
    const releaseIndex = truncated.releases.length - 1;
    let forecast = forecasts.get(releaseIndex);
    if (forecast === undefined) {
      const seed = `${plan.seed}/forecast/${releaseIndex}`;
      forecast = forecastRace({ countFile: truncated, seed, draws: plan.draws, parameters: plan.parameters });
      forecasts.set(releaseIndex, forecast);
    }
    const fractionCounted = fractions[releaseIndex];
    return scoreForecast(forecast, race.truth, {
      raceId: race.countFile.race.id,
      releaseIndex,
      stage,
      fractionCounted,
      tags: raceTags(race, releaseIndex, fractionCounted),
    });
  });
}
