import { scoreForecast, type ScoredForecast } from '../../calibration/evaluate/score-forecast.ts';
import { fractionCountedByRelease } from '../../calibration/generator/truncate-at.ts';
import { forecastRace } from '../../core/forecast-race.ts';
import { freezeReleases } from '../../core/provenance/freeze-releases.ts';
import type { ModelParameters } from '../../core/model/parameters.ts';
import type { CountFile, Forecast, Margin } from '../../core/schemas/index.ts';
import type { CorpusLabel, EstimatesKind } from '../corpus/corpus-info.ts';
import { countedSplit, fixedSwing } from './baselines.ts';
import { finalTruth, type BacktestTruth } from './final-truth.ts';
import { releaseTotals } from './release-totals.ts';
import { estimateAccuracy, type EstimateAccuracy } from './estimate-accuracy.ts';
import { shareBucket } from './share-buckets.ts';

/** How to forecast: draws per forecast, the run's seed, and model parameters to try. */
export interface BacktestPlan {
  readonly draws: number;
  /** Forecast seeds are `${seed}/${raceId}/${releaseIndex}`. */
  readonly seed: string;
  readonly parameters?: ModelParameters;
}

/** One release of a real count file, forecast and scored against the file's last release. */
export interface BacktestForecast extends ScoredForecast {
  readonly file: string;
  readonly source: string;
  readonly estimates: EstimatesKind;
  readonly asOf: string;
  /** Each candidate's forecast chance of finishing first (`winProbability`). */
  readonly probabilities: Readonly<Record<string, number>>;
  /** The naive forecasters' chances of finishing first, on the same release (see baselines.ts). */
  readonly baselines: { readonly countedSplit: Readonly<Record<string, number>>; readonly fixedSwing: Readonly<Record<string, number>> };
  /** The forecast's margin between its two leaders, as a share of all votes. */
  readonly marginQuantiles: Pick<Margin, 'between' | 'share'>;
  readonly truth: { readonly winner: string; readonly ranking: readonly string[]; readonly outcome: BacktestTruth['outcome'] };
  /** The forecast's own largest standard error of a probability, from its number of draws. */
  readonly monteCarloError: number;
  /** The release's outstanding estimate against the votes in fact still out (hindsight; see estimate-accuracy.ts). */
  readonly estimateAccuracy: EstimateAccuracy;
}

/** A count file with its path and labels. */
export interface LabelledCountFile {
  readonly path: string;
  readonly label: CorpusLabel;
  readonly countFile: CountFile;
}

/**
 * Forecasts every release of a file but the last, which is the truth, and scores each forecast: margin
 * coverage and probability events (calibration's `scoreForecast`), plus the two baselines. A file with
 * one release gives nothing. Deterministic: forecast seeds depend only on the plan, race and release.
 * Freezes the file's releases, so that each is made canonical once for all the forecasts that hash it.
 */
export function backtestFile(file: LabelledCountFile, plan: BacktestPlan): BacktestForecast[] {
  const countFile = freezeReleases(file.countFile);
  const truth = finalTruth(countFile);
  const fractions = fractionCountedByRelease(countFile);
  const candidateIds = countFile.race.candidates.map((candidate) => candidate.id);
  const raceId = countFile.race.id;
  return countFile.releases.slice(0, -1).map((release, releaseIndex) => {
    const seed = `${plan.seed}/${raceId}/${releaseIndex}`;
    const forecast = forecastRace({ countFile, releaseIndex, seed, draws: plan.draws, parameters: plan.parameters });
    const fractionCounted = fractions[releaseIndex];
    const tags = { source: file.label.source, estimates: file.label.estimates, share: shareBucket(fractionCounted) };
    const scored = scoreForecast(forecast, truth, { raceId, releaseIndex, stage: fractionCounted, fractionCounted, tags });
    const totals = releaseTotals(release, candidateIds);
    return {
      ...scored,
      file: file.path,
      source: file.label.source,
      estimates: file.label.estimates,
      asOf: release.asOf,
      probabilities: winProbabilities(forecast),
      baselines: { countedSplit: countedSplit(totals), fixedSwing: fixedSwing(totals, forecast.margin.between) },
      marginQuantiles: { between: forecast.margin.between, share: forecast.margin.share },
      truth: { winner: truth.ranking[0], ranking: truth.ranking, outcome: truth.outcome },
      monteCarloError: forecast.monteCarloError,
      estimateAccuracy: estimateAccuracy(totals.outstandingExpected, truth.totalVotes - totals.countedTotal),
    };
  });
}

function winProbabilities(forecast: Forecast): Record<string, number> {
  return Object.fromEntries(forecast.candidates.map((candidate) => [candidate.id, candidate.winProbability]));
}
