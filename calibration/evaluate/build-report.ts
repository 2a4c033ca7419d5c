import { quantile } from 'simple-statistics';
import { checkTargets, type TargetResult } from './check-targets.ts';
import { groupBy } from './group-by.ts';
import { distinctForecasts, type ScoredForecast } from './score-forecast.ts';
import { summarizeForecasts, type CalibrationSummary } from './summarize-forecasts.ts';

/** The results at one stage of the counts. */
export interface StageReport {
  /** The fraction asked for, such as 0.3. */
  readonly stage: number;
  /** Quantiles of the fraction actually counted at the releases forecast (the first release may be later). */
  readonly fractionCounted: { readonly p05: number; readonly p50: number; readonly p95: number };
  /** Races whose release at this stage is the same as at an earlier stage. */
  readonly sameReleaseAsEarlierStage: number;
  readonly summary: CalibrationSummary;
}

/** A breakdown of the pooled forecasts by one label. */
export interface Breakdown {
  readonly dimension: string;
  readonly groups: readonly { readonly label: string; readonly summary: CalibrationSummary }[];
}

/** Everything the calibration run prints. */
export interface CalibrationReport {
  /** One per race and stage. */
  readonly stageForecasts: number;
  /** Distinct (race, release) pairs: the pooled figures count each once. */
  readonly distinctForecasts: number;
  readonly pooled: CalibrationSummary;
  readonly stages: readonly StageReport[];
  readonly breakdowns: readonly Breakdown[];
  readonly targets: readonly TargetResult[];
}

/**
 * Summarises scored forecasts: pooled over stages (each distinct forecast once), stage by stage, and
 * broken down by each tag in `tagOrder` (pooled forecasts; labels in the listed order, then any others),
 * then checks the targets.
 */
export function buildReport(
  scored: readonly ScoredForecast[],
  tagOrder: Readonly<Record<string, readonly string[]>>,
): CalibrationReport {
  const pooledForecasts = distinctForecasts(scored);
  const pooled = summarizeForecasts(pooledForecasts);
  const repeats = repeatedReleasesByStage(scored);
  const stages = [...groupBy(scored, (forecast) => String(forecast.stage)).values()].map((forecasts) =>
    stageReport(forecasts, repeats.get(forecasts[0].stage) ?? 0),
  );
  const byStage = new Map(stages.map((stage) => [`at ${Math.round(stage.stage * 100)}%`, stage.summary]));
  const breakdowns = Object.entries(tagOrder).map(([dimension, order]) => {
    const groups = groupBy(pooledForecasts, (forecast) => forecast.tags[dimension] ?? '—');
    const labels = [...order.filter((label) => groups.has(label)), ...[...groups.keys()].filter((label) => !order.includes(label))];
    return { dimension, groups: labels.map((label) => ({ label, summary: summarizeForecasts(groups.get(label)!) })) };
  });
  return {
    stageForecasts: scored.length,
    distinctForecasts: pooledForecasts.length,
    pooled,
    stages,
    breakdowns,
    targets: checkTargets(pooled, byStage),
  };
}

/** One stage's summary, with how much was really counted at its releases. */
function stageReport(forecasts: readonly ScoredForecast[], sameReleaseAsEarlierStage: number): StageReport {
  const fractions = forecasts.map((forecast) => forecast.fractionCounted);
  return {
    stage: forecasts[0].stage,
    fractionCounted: { p05: quantile(fractions, 0.05), p50: quantile(fractions, 0.5), p95: quantile(fractions, 0.95) },
    sameReleaseAsEarlierStage,
    summary: summarizeForecasts(forecasts),
  };
}

/** For each stage, how many of its forecasts repeat the (race, release) of a stage listed before it. */
function repeatedReleasesByStage(scored: readonly ScoredForecast[]): Map<number, number> {
  const seen = new Set<string>();
  const repeats = new Map<number, number>();
  for (const forecast of scored) {
    const key = `${forecast.raceId}#${forecast.releaseIndex}`;
    if (seen.has(key)) repeats.set(forecast.stage, (repeats.get(forecast.stage) ?? 0) + 1);
    seen.add(key);
  }
  return repeats;
}
