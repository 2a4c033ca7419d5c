import { availableParallelism } from 'node:os';
import { planForecast, type ForecastRequest, type PlannedForecast } from '../core/forecast-race.ts';
import type { DrawBuffers } from '../core/model/simulate-block.ts';
import type { RaceOutcomes } from '../core/night/race-outcomes.ts';
import type { Forecast } from '../core/schemas/forecast.ts';
import { allocateDrawBuffers, simulateBlocks } from '../core/simulate-draws.ts';
import { splitBlocks } from './block-job.ts';
import { WorkerPool } from './worker-pool.ts';

export interface RunOptions {
  /**
   * Simulation threads, the calling thread included: 1 runs on it alone, N on it and N − 1 worker threads.
   * Output is identical for any number.
   */
  readonly threads?: number;
  /** Called with (blocks done, blocks in all) as blocks finish. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Forecasts with fewer unit-draws than this stay on the calling thread (starting workers costs more). */
  readonly threadingThreshold?: number;
}

// Starting a worker from the CLI bundle takes 50–150 ms here (a Node isolate and a 12 kB script), and the
// worker runs its first block of 1,024 draws before V8 has optimised the kernel, at about half speed. On
// this 2-core machine, one 1,000-unit forecast on 2 threads took as long as on 1 at about 5 M unit-draws
// and less from 10 M (`npm run bench`; README, Speed). From the sources (tests, tsx scripts) each worker
// also loads tsx: about half a second more.
export const DEFAULT_THREADING_THRESHOLD = 10_000_000;

/** The default thread count: every core this process may use. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Runs forecasts one after another, each spread over this thread and up to `threads` − 1 worker threads.
 * Draws are simulated in blocks with their own streams and summarised on this thread in draw order, so
 * the output is byte-identical whatever the thread count.
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

/** Plans every request, simulates each on this thread or on it and the pool, and turns its buffers into a result. */
async function runPlans<Result>(
  requests: readonly ForecastRequest[],
  options: RunOptions,
  finish: (plan: PlannedForecast, buffers: DrawBuffers) => Result,
): Promise<Result[]> {
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const threshold = options.threadingThreshold ?? DEFAULT_THREADING_THRESHOLD;
  // When the count file already shows that a forecast will be worth threads, the workers start now, and
  // boot on the other cores while this thread plans the forecasts.
  let pool = threads > 1 && requests.some((request) => openUnitDrawsEstimate(request) >= threshold) ? new WorkerPool(threads - 1) : undefined;
  try {
    const plans = requests.map(planForecast);
    const totalBlocks = plans.reduce((sum, plan) => sum + plan.blocks, 0);
    let doneBlocks = 0;
    const onBlock = () => options.onProgress?.(++doneBlocks, totalBlocks);
    const worthThreads = (plan: PlannedForecast) => plan.race.openUnitCount * plan.run.draws >= threshold;
    if (pool === undefined && threads > 1 && plans.some(worthThreads)) pool = new WorkerPool(threads - 1);
    const workers = pool;
    const results: Result[] = [];
    for (const plan of plans) {
      const usePool = workers !== undefined && worthThreads(plan);
      const buffers = usePool ? await runOnPool(plan, workers, onBlock) : runInline(plan, onBlock);
      results.push(finish(plan, buffers));
    }
    return results;
  } finally {
    await pool?.close();
  }
}

/**
 * Open unit-draws as the count file shows them before planning: units of the forecast release with votes
 * outstanding, times draws. (The model may count a unit once per ballot type; the plan has the exact figure.)
 */
function openUnitDrawsEstimate(request: ForecastRequest): number {
  const release = request.countFile.releases[request.releaseIndex ?? request.countFile.releases.length - 1];
  const openUnits = release?.units.filter((unit) => unit.outstanding.expected > 0).length ?? 0;
  return openUnits * request.draws;
}

function runInline(plan: PlannedForecast, onBlock: () => void): DrawBuffers {
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws);
  for (let block = 0; block < plan.blocks; block++) {
    simulateBlocks(plan.race, plan.run, block, block + 1, buffers);
    onBlock();
  }
  return buffers;
}

/**
 * This thread simulates the first range of blocks and the workers one range each: one isolate fewer to
 * start and to warm up than a worker per range, and this thread would otherwise wait idle.
 */
async function runOnPool(plan: PlannedForecast, pool: WorkerPool, onBlock: () => void): Promise<DrawBuffers> {
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws, true);
  const [[firstBlock, endBlock], ...workerRanges] = splitBlocks(plan.blocks, pool.size + 1);
  const jobs = workerRanges.map(([first, end]) => ({ race: plan.race, run: plan.run, firstBlock: first, endBlock: end, buffers }));
  // runAll posts the jobs before it returns, so the workers start on them while this thread works.
  const workersDone = pool.runAll(jobs, onBlock);
  try {
    for (let block = firstBlock; block < endBlock; block++) {
      simulateBlocks(plan.race, plan.run, block, block + 1, buffers);
      onBlock();
    }
  } catch (error) {
    await workersDone.catch(() => undefined);
    throw error;
  }
  await workersDone;
  return buffers;
}
