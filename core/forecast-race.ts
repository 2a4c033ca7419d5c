import { withDeskOverrides } from './desk/apply-overrides.ts';
import { DEFAULT_PARAMETERS, type ModelParameters } from './model/parameters.ts';
import { prepareRace, type PreparedRace } from './model/prepare-race.ts';
import type { DrawBuffers } from './model/simulate-block.ts';
import { raceOutcomes, type RaceOutcomes } from './night/race-outcomes.ts';
import { countFileAsOf, inputHash } from './provenance/canonical-input.ts';
import type { CountFile } from './schemas/count-file.ts';
import type { Forecast } from './schemas/forecast.ts';
import { allocateDrawBuffers, blockCount, simulateBlocks } from './simulate-draws.ts';
import { summarizeForecast } from './summaries/summarize-forecast.ts';

/** What to forecast: a release of a validated count file, with the seed and number of draws. */
export interface ForecastRequest {
  readonly countFile: CountFile;
  /** Zero-based release to forecast; the last release when omitted. */
  readonly releaseIndex?: number;
  readonly seed: string;
  readonly draws: number;
  readonly parameters?: ModelParameters;
}

/** A forecast split into its steps, so that a runtime can spread the simulation over threads. */
export interface PlannedForecast {
  readonly input: CountFile;
  readonly releaseIndex: number;
  readonly race: PreparedRace;
  readonly run: { readonly seed: string; readonly raceId: string; readonly draws: number };
  readonly blocks: number;
  summarize(buffers: DrawBuffers): Forecast;
  /**
   * The seat winner of every draw, for `summarizeNight`.
   * @throws RangeError when the race belongs to no election.
   */
  outcomes(buffers: DrawBuffers): RaceOutcomes;
}

/**
 * Checks what planning would reject: the number of draws and the release index.
 * @returns the release index, the last when none is given.
 * @throws RangeError when either is out of range.
 */
export function checkForecastRequest(request: ForecastRequest): number {
  const releaseIndex = request.releaseIndex ?? request.countFile.releases.length - 1;
  if (!Number.isInteger(request.draws) || request.draws < 1) throw new RangeError('draws must be a whole number >= 1');
  if (!Number.isInteger(releaseIndex) || releaseIndex < 0 || releaseIndex >= request.countFile.releases.length) {
    throw new RangeError(`no release ${releaseIndex}: the count file has releases 0 to ${request.countFile.releases.length - 1}`);
  }
  return releaseIndex;
}

/** Prepares a forecast: the input as of the release, its hash, and the model's precomputed race. */
export function planForecast(request: ForecastRequest): PlannedForecast {
  const releaseIndex = checkForecastRequest(request);
  const input = countFileAsOf(request.countFile, releaseIndex);
  // The model and the summary read the desk's overrides in place of the office's figures; the hash is the input's.
  const overridden = withDeskOverrides(input);
  const race = prepareRace(input, releaseIndex, request.parameters ?? DEFAULT_PARAMETERS);
  const run = { seed: request.seed, raceId: input.race.id, draws: request.draws };
  const context = { countFile: overridden, releaseIndex, seed: request.seed, draws: request.draws, inputHash: inputHash(input) };
  return {
    input,
    releaseIndex,
    race,
    run,
    blocks: blockCount(request.draws),
    summarize: (buffers) => summarizeForecast(context, race, buffers),
    outcomes: (buffers) => raceOutcomes(context, buffers.finalVotes),
  };
}

/**
 * Forecasts one release on the calling thread: every draw, then the summary. Same request, same bytes.
 * @throws RangeError when draws or the release index are out of range.
 */
export function forecastRace(request: ForecastRequest): Forecast {
  const { plan, buffers } = simulateInline(request);
  return plan.summarize(buffers);
}

/**
 * Forecasts one release of a race of an election on the calling thread, with the seat winner of every draw
 * for the election's summary. The forecast is byte-identical to forecastRace's for the same request.
 * @throws RangeError when the race belongs to no election, or draws or the release index are out of range.
 */
export function forecastRaceWithOutcomes(request: ForecastRequest): { forecast: Forecast; outcomes: RaceOutcomes } {
  const { plan, buffers } = simulateInline(request);
  return { forecast: plan.summarize(buffers), outcomes: plan.outcomes(buffers) };
}

/** Plans a forecast and simulates every draw of it on the calling thread. */
function simulateInline(request: ForecastRequest): { plan: PlannedForecast; buffers: DrawBuffers } {
  const plan = planForecast(request);
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws);
  simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
  return { plan, buffers };
}
