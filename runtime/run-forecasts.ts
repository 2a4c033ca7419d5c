import { availableParallelism } from 'node:os';
import { checkForecastRequest, planForecast, type ForecastRequest, type PlannedForecast } from '../core/forecast-race.ts';
import type { DrawBuffers } from '../core/model/simulate-block.ts';
import type { RaceOutcomes } from '../core/night/race-outcomes.ts';
import type { Forecast } from '../core/schemas/forecast.ts';
import { allocateDrawBuffers, blockCount, simulateBlocks } from '../core/simulate-draws.ts';
import { splitBlocks, type ForecastResult } from './block-job.ts';
import { finishForecast, runForecastHere, simulateHere } from './forecast-here.ts';
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
  /**
   * Forecasts each below `threadingThreshold` but together worth at least this many draw-units (draws ×
   * (open units + 1), summed) are spread whole over this thread and the workers.
   */
  readonly spreadThreshold?: number;
}

// Starting a worker from the CLI bundle takes 50–150 ms here (a Node isolate and 28 kB of script), and the
// worker runs its first block of 1,024 draws before V8 has optimised the kernel, at about half speed. On
// this 2-core machine, one 1,000-unit forecast on 2 threads took as long as on 1 at about 5 M unit-draws
// and less from 10 M (`npm run bench`; README, Speed). From the sources (tests, tsx scripts) each worker
// also loads tsx: about half a second more.
export const DEFAULT_THREADING_THRESHOLD = 10_000_000;

// A replay's forecasts are each too small to split, but many. Spread whole over 2 threads (`ballotcast
// replay --threads 2` against 1, this 2-core machine): California's US Senate file, 34 releases of 58
// counties, at 20,000 draws (39 M draw-units) 3.2–3.4 s against 5.4–5.6 s, at 3,000 draws 1.6–1.7 s against
// 1.8 s. LA's mayoral general, 27 releases of 1 unit, gains nothing even at 100,000 draws (5.4 M): 1.41 s
// against 1.27–1.42 s, as a worker's first forecasts run cold and its summaries are most of the work. At
// about 4 M draw-units it breaks even.
export const DEFAULT_SPREAD_THRESHOLD = 4_000_000;

/** Whole forecasts queued on each worker, so that it has the next while this thread is busy. */
const WORKER_QUEUE_DEPTH = 2;

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
  return (await runRequests(requests, options, false)).map((result) => result.forecast);
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
  return (await runRequests(requests, options, true)).map(({ forecast, outcomes }) => {
    if (outcomes === undefined) throw new Error('a night race came back without its outcomes');
    return { forecast, outcomes };
  });
}

/**
 * Runs every request on this thread alone, with its draws split into blocks over the pool, or spread
 * whole over this thread and the pool, whichever the sizes call for. Results come back in request order.
 */
async function runRequests(requests: readonly ForecastRequest[], options: RunOptions, withOutcomes: boolean): Promise<ForecastResult[]> {
  // A bad request fails here, before any thread starts.
  requests.forEach(checkForecastRequest);
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const threshold = options.threadingThreshold ?? DEFAULT_THREADING_THRESHOLD;
  const openUnits = requests.map(openUnitsEstimate);
  const totalBlocks = requests.reduce((sum, request) => sum + blockCount(request.draws), 0);
  let doneBlocks = 0;
  const onBlock = () => options.onProgress?.(++doneBlocks, totalBlocks);
  const anyWorthBlocks = openUnits.some((units, index) => units * requests[index].draws >= threshold);
  const spreadWork = openUnits.reduce((sum, units, index) => sum + (units + 1) * requests[index].draws, 0);
  if (threads > 1 && requests.length > 1 && !anyWorthBlocks && spreadWork >= (options.spreadThreshold ?? DEFAULT_SPREAD_THRESHOLD)) {
    const pool = new WorkerPool(threads - 1);
    try {
      return await runSpread(requests, pool, withOutcomes, onBlock);
    } finally {
      await pool.close();
    }
  }
  return runPlans(requests, { threads, threshold, startPoolNow: anyWorthBlocks, withOutcomes }, onBlock);
}

/**
 * Each worker keeps WORKER_QUEUE_DEPTH forecasts queued while this thread runs the next one itself, until
 * none is left. Every forecast is the same wherever it runs, so the results are too.
 */
async function runSpread(
  requests: readonly ForecastRequest[],
  pool: WorkerPool,
  withOutcomes: boolean,
  onBlock: () => void,
): Promise<ForecastResult[]> {
  const results: ForecastResult[] = new Array(requests.length);
  const onWorkers: Promise<void>[] = [];
  let next = 0;
  const feed = (worker: number): void => {
    while (pool.queued(worker) < WORKER_QUEUE_DEPTH && next < requests.length) {
      const index = next++;
      const job = { kind: 'forecast', request: requests[index], withOutcomes } as const;
      const done = pool.forecast(worker, job, onBlock).then((result) => {
        results[index] = result;
        feed(worker);
      });
      // Awaited below; marked handled so that a failure meanwhile is not reported as unhandled.
      done.catch(() => undefined);
      onWorkers.push(done);
    }
  };
  for (let worker = 0; worker < pool.size; worker++) feed(worker);
  while (next < requests.length) {
    const index = next++;
    results[index] = runForecastHere(requests[index], withOutcomes, onBlock);
    // Lets finished jobs' messages in, so that the workers' queues refill while this thread works.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(onWorkers);
  return results;
}

/** How runPlans uses threads: the count, the unit-draws that make a forecast worth them, and when to start them. */
interface PlanSettings {
  readonly threads: number;
  readonly threshold: number;
  readonly startPoolNow: boolean;
  readonly withOutcomes: boolean;
}

/** Plans every request, simulates each on this thread or on it and the pool, and summarises it here. */
async function runPlans(requests: readonly ForecastRequest[], settings: PlanSettings, onBlock: () => void): Promise<ForecastResult[]> {
  const { threads, threshold, startPoolNow, withOutcomes } = settings;
  // When the count files already show that a forecast will be worth threads, the workers start now, and
  // boot on the other cores while this thread plans the forecasts.
  let pool = threads > 1 && startPoolNow ? new WorkerPool(threads - 1) : undefined;
  try {
    const plans = requests.map(planForecast);
    const worthThreads = (plan: PlannedForecast) => plan.race.openUnitCount * plan.run.draws >= threshold;
    if (pool === undefined && threads > 1 && plans.some(worthThreads)) pool = new WorkerPool(threads - 1);
    const workers = pool;
    const results: ForecastResult[] = [];
    for (const plan of plans) {
      const usePool = workers !== undefined && worthThreads(plan);
      const buffers = usePool ? await runOnPool(plan, workers, onBlock) : simulateHere(plan, onBlock);
      results.push(finishForecast(plan, buffers, withOutcomes));
    }
    return results;
  } finally {
    await pool?.close();
  }
}

/**
 * Open units as the count file shows them before planning: units of the forecast release with votes
 * outstanding. (The model may count a unit once per ballot type; the plan has the exact figure.)
 */
function openUnitsEstimate(request: ForecastRequest): number {
  const release = request.countFile.releases[request.releaseIndex ?? request.countFile.releases.length - 1];
  return release?.units.filter((unit) => unit.outstanding.expected > 0).length ?? 0;
}

/**
 * This thread simulates the first range of blocks and the workers one range each: one isolate fewer to
 * start and to warm up than a worker per range, and this thread would otherwise wait idle.
 */
async function runOnPool(plan: PlannedForecast, pool: WorkerPool, onBlock: () => void): Promise<DrawBuffers> {
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws, true);
  const [[firstBlock, endBlock], ...workerRanges] = splitBlocks(plan.blocks, pool.size + 1);
  const jobs = workerRanges.map(([first, end]) => ({ kind: 'blocks' as const, race: plan.race, run: plan.run, firstBlock: first, endBlock: end, buffers }));
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
