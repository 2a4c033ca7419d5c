import { quantileSorted } from 'simple-statistics';
import { finalTruth } from '../../backtest/score/final-truth.ts';
import { planForecast } from '../../core/forecast-race.ts';
import { Z90, type ModelParameters } from '../../core/model/parameters.ts';
import type { CountFile } from '../../core/schemas/index.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../core/simulate-draws.ts';
import { winsorize } from './error-correlation.ts';

/** The standardized errors of one forecast of the Democrat-versus-Republican margin. */
export interface RaceErrors {
  /** (true final margin − the forecast's median) / its sd, Democrat minus Republican, within ±3. */
  readonly observed: number;
  /** The same for every draw of the forecast: how the model thinks the truth could fall. */
  readonly drawn: Float64Array;
}

/** What one forecast of a race is run with. */
export interface ErrorRun {
  readonly countFile: CountFile;
  readonly releaseIndex: number;
  readonly seed: string;
  readonly draws: number;
  readonly parameters: ModelParameters;
}

/**
 * Forecasts one release and standardizes the margin between its two leaders (`margin.between`) when they
 * are a Democrat and a Republican ("Dem" and "Rep" in `party`), oriented Democrat minus Republican. The
 * centre is the draws' median and the sd is their 90% range over 2 × 1.645, so that the heavy tails of the
 * draws do not inflate it. Undefined for any other pair of leaders or a margin with no spread.
 */
export function raceErrors(run: ErrorRun): RaceErrors | undefined {
  const plan = planForecast(run);
  const buffers = allocateDrawBuffers(plan.race, run.draws);
  simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
  const candidates = run.countFile.race.candidates;
  const between = plan.summarize(buffers).margin.between.map((id) => candidates.findIndex((candidate) => candidate.id === id));
  const parties = between.map((index) => candidates[index].party);
  const sign = parties[0] === 'Dem' && parties[1] === 'Rep' ? 1 : parties[0] === 'Rep' && parties[1] === 'Dem' ? -1 : 0;
  if (sign === 0) return undefined;
  const margins = drawnMargins(buffers.finalVotes, candidates.length, between, sign);
  const sorted = Float64Array.from(margins).sort() as unknown as number[];
  const centre = quantileSorted(sorted, 0.5);
  const sd = (quantileSorted(sorted, 0.95) - quantileSorted(sorted, 0.05)) / (2 * Z90);
  if (!(sd > 0)) return undefined;
  const truth = finalTruth(run.countFile);
  const [firstId, secondId] = between.map((index) => candidates[index].id);
  const trueMargin = (sign * (truth.finalVotes[firstId] - truth.finalVotes[secondId])) / truth.totalVotes;
  return {
    observed: winsorize((trueMargin - centre) / sd),
    drawn: margins.map((margin) => winsorize((margin - centre) / sd)),
  };
}

/** Per draw: sign × (votes of the first − votes of the second) / all votes. */
function drawnMargins(finalVotes: Float64Array, candidateCount: number, [first, second]: number[], sign: number): Float64Array {
  const draws = finalVotes.length / candidateCount;
  return Float64Array.from({ length: draws }, (_, draw) => {
    const offset = draw * candidateCount;
    let total = 0;
    for (let candidate = 0; candidate < candidateCount; candidate++) total += finalVotes[offset + candidate];
    return total > 0 ? (sign * (finalVotes[offset + first] - finalVotes[offset + second])) / total : 0;
  });
}
