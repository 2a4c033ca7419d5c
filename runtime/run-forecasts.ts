import { availableParallelism } from 'node:os';
import { planForecast, type ForecastRequest, type PlannedForecast } from '../core/forecast-race.ts';
import type { DrawBuffers } from '../core/model/simulate-block.ts';
import type { RaceOutcomes } from '../core/night/race-outcomes.ts';
import type { Forecast } from '../core/schemas/forecast.ts';
import { allocateDrawBuffers, simulateBlocks } from '../core/simulate-draws.ts';
import { splitBlocks } from './block-job.ts';
import { WorkerPool } from './worker-pool.ts';

export interface RunOptions {
  /** Simulation threads; 1 runs on the calling thread. Output is identical for any number. */
  readonly threads?: number;
  /** Called with (blocks done, blocks in all) as blocks finish. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Forecasts with fewer unit-draws than this stay on the calling thread (starting workers costs more). */
  readonly threadingThreshold?: number;
}

// Starting a worker (loading tsx and the model's sources) takes about half a second here, so threads pay
// only for forecasts of about a second of single-threaded work or more.
export const DEFAULT_THREADING_THRESHOLD = 20_000_000;

/** The default thread count: every core this process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Runs forecasts one after another, each spread over up to `threads` worker threads. Draws are
 * simulated in blocks with their own streams and summarised on this thread in draw order, so the output
 * is byte-identical whatever the thread count.
 */
export async function runForecasts(requests: readonly ForecastRequest[], options: RunOptions = {}): Promise<Forecast[]> {
  return runPlans(requests, options, (plan, buffers) => plan.summarize(buffers));
}

/** A race of an election run for `ballotcast night`: its forecast and the seat winner of every draw. */
export interface NightRaceRun {
  readonly forecast: Forecast;
  readonly outcomes: RaceOutcomes;
}

/**
 * Runs the races of an election as `runForecasts` does, keeping each race's seat winner per draw for
 * `summarizeNight`. Byte-identical for any thread count, like the forecasts.
 * @throws RangeError when a race belongs to no election.
 */
export async function runNightRaces(requests: readonly ForecastRequest[], options: RunOptions = {}): Promise<NightRaceRun[]> {
  return runPlans(requests, options, (plan, buffers) => ({ forecast: plan.summarize(buffers), outcomes: plan.outcomes(buffers) }));
}

/** Plans every request, simulates each on this thread or the pool, and turns its buffers into a result. */
async function runPlans<Result>(
  requests: readonly ForecastRequest[],
  options: RunOptions,
  finish: (plan: PlannedForecast, buffers: DrawBuffers) => Result,
): Promise<Result[]> {
  const plans = requests.map(planForecast);
  const totalBlocks = plans.reduce((sum, plan) => sum + plan.blocks, 0);
  let doneBlocks = 0;
  const onBlock = () => options.onProgress?.(++doneBlocks, totalBlocks);
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const threshold = options.threadingThreshold ?? DEFAULT_THREADING_THRESHOLD;
  const worthThreads = (plan: PlannedForecast) => plan.race.openUnitCount * plan.run.draws >= threshold;
  const needsThreads = threads > 1 && plans.some(worthThreads);
  const pool = needsThreads ? new WorkerPool(threads) : undefined;
  try {
    const results: Result[] = [];
    for (const plan of plans) {
      const usePool = pool !== undefined && worthThreads(plan);
      const buffers = usePool ? await runOnPool(plan, pool, onBlock) : runInline(plan, onBlock);
      results.push(finish(plan, buffers));
    }
    return results;
  } finally {
    await pool?.close();
  }
}

function runInline(plan: PlannedForecast, onBlock: () => void): DrawBuffers {
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws);
  for (let block = 0; block < plan.blocks; block++) {
    simulateBlocks(plan.race, plan.run, block, block + 1, buffers);
    onBlock();
  }
  return buffers;
}

async function runOnPool(plan: PlannedForecast, pool: WorkerPool, onBlock: () => void): Promise<DrawBuffers> {
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws, true);
  const jobs = splitBlocks(plan.blocks, pool.size).map(([firstBlock, endBlock]) => ({
    race: plan.race,
    run: plan.run,
    firstBlock,
    endBlock,
    buffers,
  }));
  await pool.runAll(jobs, onBlock);
  return buffers;
}
