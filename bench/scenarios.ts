import { readFile } from 'node:fs/promises';
import seedrandom from 'seedrandom';
import { forecastRace, planForecast } from '../core/forecast-race.ts';
import { allocateDrawBuffers, simulateBlocks } from '../core/simulate-draws.ts';
import { RandomStream } from '../core/random/random-stream.ts';
import { parseCountFile } from '../core/schemas/index.ts';
import { runForecasts } from '../runtime/run-forecasts.ts';
import { syntheticRace } from './synthetic-race.ts';

/** What a scenario measured: its wall time, this thread's and its workers' CPU time, and the work it did. */
export interface Measurement {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly work: number;
  readonly unit: string;
  /** The simulation alone, in CPU seconds, where a scenario times it apart from the summary. */
  readonly kernelCpuSeconds?: number;
}

/** CPU seconds (user and system) this process has used so far, worker threads included. */
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

const timed = async (work: number, unit: string, run: () => unknown): Promise<Measurement> => {
  const start = performance.now();
  const cpuStart = cpuSeconds();
  await run();
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSeconds() - cpuStart, work, unit };
};

const RANDOM_CALLS = 20_000_000;

/** Sums a generator's output so that V8 cannot drop the calls. */
function drain(next: () => number, calls: number): number {
  let total = 0;
  for (let call = 0; call < calls; call++) total += next();
  return total;
}

function boxMullerNormals(stream: RandomStream, calls: number): number {
  let total = 0;
  for (let call = 0; call < calls; call += 2) {
    const radius = Math.sqrt(-2 * Math.log(stream.nextUniform()));
    const angle = 2 * Math.PI * stream.nextUniform();
    total += radius * Math.cos(angle) + radius * Math.sin(angle);
  }
  return total;
}

/**
 * Simulates a synthetic race: every forecast step, with the summary, through the threaded runtime. With
 * more than one thread the worker pool is always used (threshold 0), and its start is part of the time.
 */
export async function syntheticRun(units: number, draws: number, threads: number): Promise<Measurement> {
  const countFile = syntheticRace(units, 2);
  const open = planForecast({ countFile, seed: 'bench', draws: 1 }).race.openUnitCount;
  return timed(open * draws, 'unit-draws', () => runForecasts([{ countFile, seed: 'bench', draws }], { threads, threadingThreshold: 0 }));
}

/**
 * One forecast of a synthetic race on the calling thread, as the numpy peer does it: the simulation, then
 * the summary. CPU seconds of both, and of the simulation alone.
 */
export async function kernelAndSummary(units: number, draws: number): Promise<Measurement> {
  const plan = planForecast({ countFile: syntheticRace(units, 2), seed: 'bench', draws });
  const buffers = allocateDrawBuffers(plan.race, draws);
  let kernelCpuSeconds = 0;
  const measurement = await timed(plan.race.openUnitCount * draws, 'unit-draws', () => {
    const kernelStart = cpuSeconds();
    simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
    kernelCpuSeconds = cpuSeconds() - kernelStart;
    return plan.summarize(buffers);
  });
  return { ...measurement, kernelCpuSeconds };
}

/** The simulation alone, without the summary: the kernel whose speed the unit-draws target is about. */
function kernelOnly(units: number, draws: number): Promise<Measurement> {
  const plan = planForecast({ countFile: syntheticRace(units, 2), seed: 'bench', draws });
  const buffers = allocateDrawBuffers(plan.race, draws);
  return timed(plan.race.openUnitCount * draws, 'unit-draws', () => simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers));
}

/**
 * What the run function does: forecastRace on the calling thread, summary included. Its work is counted as
 * unit-draws × candidates, the measure the API's cap uses (core/pipeline/run-size.ts).
 */
function runHandlerWork(units: number, draws: number, candidates: number): Promise<Measurement> {
  const countFile = syntheticRace(units, candidates);
  return timed(units * draws * candidates, 'unit-draws x candidates', () => forecastRace({ countFile, seed: 'bench', draws }));
}

async function laReplay(draws: number, threads: number): Promise<Measurement> {
  return timed(27, 'releases', async () => {
    const parsed = parseCountFile(JSON.parse(await readFile('examples/la-mayor-2022-general.json', 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const countFile = parsed.value;
    const requests = countFile.releases.map((_, releaseIndex) => ({ countFile, releaseIndex, seed: 'bench', draws }));
    await runForecasts(requests, { threads });
  });
}

/** Every scenario by name; `threads` is the machine's core count where a scenario uses all cores. */
export function scenarios(cores: number): Record<string, () => Promise<Measurement>> {
  return {
    'seedrandom arc4 (default) uniforms': () => timed(RANDOM_CALLS, 'calls', () => drain(seedrandom('bench'), RANDOM_CALLS)),
    'seedrandom xor4096 uniforms': () => timed(RANDOM_CALLS, 'calls', () => drain(seedrandom.xor4096('bench'), RANDOM_CALLS)),
    'sfc32 uniforms (seeded by seedrandom)': () => {
      const stream = new RandomStream(1, 2, 3, 4);
      return timed(RANDOM_CALLS, 'calls', () => drain(() => stream.nextUniform(), RANDOM_CALLS));
    },
    'sfc32 Box-Muller normals': () => timed(RANDOM_CALLS, 'calls', () => boxMullerNormals(new RandomStream(1, 2, 3, 4), RANDOM_CALLS)),
    'sfc32 ziggurat normals': () => {
      const stream = new RandomStream(1, 2, 3, 4);
      return timed(RANDOM_CALLS, 'calls', () => drain(() => stream.nextNormal(), RANDOM_CALLS));
    },
    'simulation kernel only, 1,000 units x 100,000 draws, 1 thread': () => kernelOnly(1000, 100_000),
    'synthetic 1,000 units x 100,000 draws, 1 thread': () => syntheticRun(1000, 100_000, 1),
    [`synthetic 1,000 units x 100,000 draws, ${cores} threads`]: () => syntheticRun(1000, 100_000, cores),
    'synthetic 100 units x 100,000 draws, 1 thread': () => syntheticRun(100, 100_000, 1),
    'synthetic 1,000 units x 10,000 draws, 1 thread': () => syntheticRun(1000, 10_000, 1),
    'run handler: 300 units x 20,000 draws, 2 candidates': () => runHandlerWork(300, 20_000, 2),
    'run handler: 300 units x 20,000 draws, 12 candidates': () => runHandlerWork(300, 20_000, 12),
    'LA general replay, 27 releases x 20,000 draws, 1 thread': () => laReplay(20_000, 1),
  };
}
