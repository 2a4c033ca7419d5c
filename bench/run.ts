import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { buildCli, CLI_BUILD_OPTIONS, DIST_DIR } from '../scripts/build-cli.mjs';
import { median, spread } from './figures.ts';
import { lambdaBundle } from './lambda-bundle.ts';
import { scenarios, type Measurement } from './scenarios.ts';

// `npm run bench`: the figures issue 13 asks for, in one run, each in fresh processes:
//   1. the forecast kernel against the numpy peer (../shared/bench), interleaved, as a ratio;
//   2. CLI start-up (`--help`), wall time, beside Node's and npx's own;
//   3. the LA general replay, the whole command;
//   4. thread scaling, 1 against 2 threads, at 2 M and 20 M unit-draws, and the machine's own ceiling;
//   5. the run-forecast Lambda bundle: its size and its cold import, beside the AWS clients' alone.
// `npm run bench -- scenarios [WORD...]` prints the older table of micro-benchmarks instead.
// Everything runs as plain JavaScript bundled by esbuild, as the CLI does: dist/ for the CLI, dist/bench/
// for the bench's own entry (with the simulation worker beside it).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(DIST_DIR, 'bench');
const MEASURE_ONE = join(BENCH_DIR, 'measure-one.mjs');
const BIN = join(ROOT, 'bin/ballotcast.mjs');

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = argv.indexOf(name);
  return index >= 0 ? Number(argv[index + 1]) : fallback;
};
/** Pairs of kernel runs (ballotcast, numpy); each ballotcast run is 100 M unit-draws, about 2 s here. */
const ROUNDS = option('--rounds', 2);
const KERNEL_UNITS = 1000;
const KERNEL_DRAWS = 100_000;
const START_UP_RUNS = 9;
const REPLAY_RUNS = 5;
const THREAD_ROUNDS = 5;
/** Draws per process for the machine's ceiling: long enough (about 1 s) that start-up is a small part. */
const CEILING_DRAWS = 50_000;
const execFileAsync = promisify(execFile);
/** Thread scaling at these many unit-draws (1,000 units, so draws = unit-draws / 1,000). */
const THREAD_SIZES = (argv.includes('--thread-sizes') ? String(argv[argv.indexOf('--thread-sizes') + 1]).split(',').map(Number) : [2, 20]).map(
  (millions) => millions * 1e6,
);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const loud = (lines: readonly string[]) => console.log(['', '!'.repeat(100), ...lines.map((line) => `!!! ${line}`), '!'.repeat(100), ''].join('\n'));

/** CPU seconds used so far by this process's finished children (Linux: /proc/self/stat), else undefined. */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 of stat (cutime, cstime), counted from field 3 after the command name.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a command to the end with its output discarded; returns its wall and CPU seconds. */
function runTimed(command: string, args: readonly string[], environment: NodeJS.ProcessEnv = process.env): { wall: number; cpu?: number } {
  const cpuBefore = childrenCpuSeconds();
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, env: environment, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const cpuAfter = childrenCpuSeconds();
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

function measureOne(args: readonly string[]): Measurement & { peakMegabytes: number } {
  const output = execFileSync(process.execPath, [MEASURE_ONE, ...args], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measurement & { peakMegabytes: number };
}

async function buildBundles(): Promise<void> {
  await buildCli();
  await build({
    ...CLI_BUILD_OPTIONS,
    entryPoints: { 'measure-one': 'bench/measure-one.ts', 'simulate-worker': 'runtime/simulate-worker.ts' },
    outdir: BENCH_DIR,
    sourcemap: false,
    metafile: false,
  });
}

/** 1. The kernel (and the whole forecast) on one thread against the numpy peer, interleaved A B A B. */
function kernelAgainstNumpy(): void {
  console.log(`1. Kernel against the numpy peer: ${KERNEL_UNITS.toLocaleString('en-US')} units × ${KERNEL_DRAWS.toLocaleString('en-US')} draws, one thread, million unit-draws per CPU second`);
  const peer = process.env.BALLOTCAST_NUMPY_PEER ?? join(ROOT, '../shared/bench/numpy_peer.py');
  const numpyProblem = !existsSync(peer)
    ? `the numpy peer is missing: ${peer} (set BALLOTCAST_NUMPY_PEER to its path)`
    : spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status !== 0
      ? 'python3 with numpy is missing (apt-get install python3-numpy): the numpy peer cannot run'
      : undefined;
  if (numpyProblem !== undefined) loud([numpyProblem, 'so there is NO RATIO against numpy below: only ballotcast’s own figures.']);
  // The peer's README: run it without these, which pin OpenBLAS to one core type.
  const { OPENBLAS_CORETYPE: _coreType, OPENBLAS_L2_SIZE: _l2Size, ...peerEnvironment } = process.env;
  const ours: Measurement[] = [];
  const theirs: { cpuMUnitDrawsPerS: number; cpuSimMUnitDrawsPerS: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const measured = measureOne(['forecast', String(KERNEL_UNITS), String(KERNEL_DRAWS)]);
    ours.push(measured);
    let line = `   round ${round}: ballotcast ${(measured.work / measured.cpuSeconds / 1e6).toFixed(1)} (kernel alone ${(measured.work / measured.kernelCpuSeconds! / 1e6).toFixed(1)})`;
    if (numpyProblem === undefined) {
      const output = execFileSync('python3', [peer, String(KERNEL_DRAWS), '64'], { cwd: ROOT, env: peerEnvironment, encoding: 'utf8' });
      const peerResult = JSON.parse(output.trim().split('\n').at(-1)!) as (typeof theirs)[number];
      theirs.push(peerResult);
      line += `, numpy ${peerResult.cpuMUnitDrawsPerS.toFixed(1)} (simulation alone ${peerResult.cpuSimMUnitDrawsPerS.toFixed(1)})`;
    }
    console.log(line);
  }
  const oursRate = median(ours.map((m) => m.work / m.cpuSeconds / 1e6));
  const oursKernel = median(ours.map((m) => m.work / m.kernelCpuSeconds! / 1e6));
  if (numpyProblem !== undefined) {
    console.log(`   ballotcast: ${oursRate.toFixed(1)} M unit-draws per CPU second with the summary, ${oursKernel.toFixed(1)} for the kernel alone (no numpy figure)\n`);
    return;
  }
  const theirsRate = median(theirs.map((t) => t.cpuMUnitDrawsPerS));
  const theirsKernel = median(theirs.map((t) => t.cpuSimMUnitDrawsPerS));
  console.log(
    `   ratio ballotcast / numpy (medians): ${(oursRate / theirsRate).toFixed(2)} with the summary, ${(oursKernel / theirsKernel).toFixed(2)} for the kernel alone\n`,
  );
}

/** 2. `--help`: how long the CLI takes to start, as plain node and through npx. */
function cliStartUp(): void {
  console.log('2. CLI start-up, `--help`, whole command, wall (CPU: user + system of the process)');
  const node = Array.from({ length: START_UP_RUNS }, () => runTimed(process.execPath, [BIN, '--help']));
  const nodeCpu = node.map((run) => run.cpu).filter((cpu) => cpu !== undefined);
  console.log(`   node bin/ballotcast.mjs --help: ${spread(node.map((run) => run.wall), 3, 's')}${nodeCpu.length > 0 ? `, CPU median ${median(nodeCpu).toFixed(2)} s` : ''}`);
  const bare = Array.from({ length: START_UP_RUNS }, () => runTimed(process.execPath, ['-e', '0']));
  console.log(`   node -e 0 (Node's own start, for scale): ${spread(bare.map((run) => run.wall), 3, 's')}`);
  // --no-install: npx must find this checkout's own package, never fetch one of that name.
  try {
    const npx = Array.from({ length: 3 }, () => runTimed('npx', ['--no-install', 'ballotcast', '--help']));
    console.log(`   npx ballotcast --help: ${spread(npx.map((run) => run.wall), 3, 's')} (npx itself resolves the package first)`);
    // npx's own floor: the time it takes to start anything at all, here Node doing nothing.
    const floor = Array.from({ length: 3 }, () => runTimed('npx', ['--no-install', 'node', '-e', '0']));
    console.log(`   npx node -e 0 (npx's own start, for scale): ${spread(floor.map((run) => run.wall), 3, 's')}\n`);
  } catch (error) {
    console.log(`   npx ballotcast --help: did not run (${(error as Error).message.split('\n')[0]})\n`);
  }
}

/** 3. The LA general replay, the whole command: start-up, 27 forecasts of 20,000 draws, JSON out. */
function laReplay(): void {
  console.log('3. LA general replay, whole command: node bin/ballotcast.mjs replay examples/la-mayor-2022-general.json --draws 20000 --seed s');
  const runs = Array.from({ length: REPLAY_RUNS }, () =>
    runTimed(process.execPath, [BIN, 'replay', 'examples/la-mayor-2022-general.json', '--draws', '20000', '--seed', 's']),
  );
  const cpu = runs.map((run) => run.cpu).filter((value) => value !== undefined);
  console.log(`   ${spread(runs.map((run) => run.wall), 3, 's')} wall${cpu.length > 0 ? `, CPU median ${median(cpu).toFixed(2)} s` : ''}\n`);
}

/** 4. One forecast on 1 and on 2 threads (pool start included), interleaved; in-process wall time. */
async function threadScaling(): Promise<void> {
  console.log(
    `4. Thread scaling: one forecast of a synthetic 1,000-unit race in a fresh process (planning, the worker's start and the summary included), 1 and 2 threads, ${THREAD_ROUNDS} interleaved rounds`,
  );
  for (const unitDraws of THREAD_SIZES) {
    const draws = String(unitDraws / 1000);
    const seconds: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < THREAD_ROUNDS; round++) {
      for (const threads of [1, 2] as const) seconds[threads].push(measureOne(['threads', '1000', draws, String(threads)]).seconds);
    }
    // The fastest run is the one least disturbed by other work on the machine: the nearest to a quiet one.
    const speedUp = median(seconds[1]) / median(seconds[2]);
    const fastestSpeedUp = Math.min(...seconds[1]) / Math.min(...seconds[2]);
    console.log(
      `   ${(unitDraws / 1e6).toString().padStart(4)} M unit-draws: 1 thread ${spread(seconds[1], 3, 's')}; 2 threads ${spread(seconds[2], 3, 's')}; speed-up ${speedUp.toFixed(2)}× (medians), ${fastestSpeedUp.toFixed(2)}× (fastest runs)`,
    );
  }
  await machineCeiling();
  console.log('');
}

/**
 * What the machine itself gives two busy threads: the same one-thread forecast in one process, then in two
 * processes at once, which share nothing. Two at once in the time of one would be 2×; no thread count in one
 * process can do better than this.
 */
async function machineCeiling(): Promise<void> {
  const args = [MEASURE_ONE, 'forecast', '1000', String(CEILING_DRAWS)];
  const timeProcesses = async (count: number) => {
    const start = performance.now();
    await Promise.all(Array.from({ length: count }, () => execFileAsync(process.execPath, args, { cwd: ROOT })));
    return (performance.now() - start) / 1000;
  };
  const alone: number[] = [];
  const together: number[] = [];
  for (let round = 0; round < THREAD_ROUNDS; round++) {
    alone.push(await timeProcesses(1));
    together.push(await timeProcesses(2));
  }
  const ceiling = (2 * median(alone)) / median(together);
  console.log(
    `   the machine's own ceiling, two processes at once against one (1,000 units × ${CEILING_DRAWS.toLocaleString('en-US')} draws each, one thread): one ${spread(alone, 3, 's')}; two ${spread(together, 3, 's')}; ${ceiling.toFixed(2)}× the work per second`,
  );
}

function microScenarios(): void {
  const only = argv.slice(1);
  const cores = availableParallelism();
  console.log(['scenario'.padEnd(58), 'seconds'.padStart(8), 'throughput'.padStart(24), 'peak RSS'.padStart(10)].join(' '));
  for (const name of Object.keys(scenarios(cores))) {
    if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
    const result = measureOne([name]);
    const rate = result.work / result.seconds;
    const throughput = rate >= 1e6 ? `${(rate / 1e6).toFixed(1)} M ${result.unit}/s` : `${rate.toFixed(1)} ${result.unit}/s`;
    console.log([name.padEnd(58), result.seconds.toFixed(2).padStart(8), throughput.padStart(24), `${result.peakMegabytes.toFixed(0)} MB`.padStart(10)].join(' '));
  }
}

console.log(`ballotcast benchmark: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}); load average ${load()} at the start\n`);
await buildBundles();
if (argv[0] === 'scenarios') {
  microScenarios();
} else if (argv[0] === 'lambda') {
  await lambdaBundle(BENCH_DIR);
} else {
  kernelAgainstNumpy();
  cliStartUp();
  laReplay();
  await threadScaling();
  await lambdaBundle(BENCH_DIR);
}
console.log(`load average ${load()} at the end (1, 5 and 15 minutes; this machine has ${availableParallelism()} cores)`);
