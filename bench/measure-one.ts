import { availableParallelism } from 'node:os';
import { scenarios } from './scenarios.ts';

// Runs one scenario in this fresh process and prints its figures as JSON, so that peak memory is its own.
const name = process.argv[2];
const scenario = scenarios(availableParallelism())[name];
if (scenario === undefined) throw new Error(`no scenario "${name}"`);
const measurement = await scenario();
const peakMegabytes = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...measurement, peakMegabytes })}\n`);
