import { availableParallelism } from 'node:os';
import { kernelAndSummary, scenarios, syntheticRun } from './scenarios.ts';

// Runs one scenario in this fresh process and prints its figures as JSON, so that peak memory is its own.
// `npm run bench` runs it from the bench bundle (dist/bench/measure-one.mjs), as plain JavaScript with the
// bundled worker beside it, as the CLI runs.
//   measure-one NAME                      a named scenario (see scenarios.ts)
//   measure-one forecast UNITS DRAWS      one forecast on this thread, kernel and summary (CPU seconds)
//   measure-one threads UNITS DRAWS N     one forecast on N threads, worker start included
const [name, ...numbers] = process.argv.slice(2);
const [units, draws, threads] = numbers.map(Number);
const measure =
  name === 'forecast'
    ? () => kernelAndSummary(units, draws)
    : name === 'threads'
      ? () => syntheticRun(units, draws, threads)
      : scenarios(availableParallelism())[name];
if (measure === undefined) throw new Error(`no scenario "${name}"`);
const measurement = await measure();
const peakMegabytes = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...measurement, peakMegabytes })}\n`);
