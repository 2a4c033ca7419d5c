import { randomInt } from 'node:crypto';
import { defaultThreads } from '../runtime/run-forecasts.ts';
import { UsageError } from './usage-error.ts';

export const DEFAULT_DRAWS = 20_000;
const MAX_DRAWS = 5_000_000;
const MAX_THREADS = 64;

/** The options shared by every command that simulates. */
export const SIMULATION_FLAGS = {
  draws: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface SimulationOptions {
  readonly draws: number;
  readonly seed: string;
  /** True when no --seed was given and one was chosen at random (it is printed and recorded). */
  readonly seedWasChosen: boolean;
  readonly threads: number;
}

/** Validates --draws, --seed and --threads, with the defaults documented in the README. */
export function simulationOptions(values: { draws?: string; seed?: string; threads?: string }): SimulationOptions {
  const draws = wholeNumber('--draws', values.draws, DEFAULT_DRAWS, MAX_DRAWS);
  const threads = wholeNumber('--threads', values.threads, defaultThreads(), MAX_THREADS);
  if (values.seed !== undefined && values.seed.length === 0) throw new UsageError('--seed: expected a non-empty seed');
  const seed = values.seed ?? String(randomInt(0, 2 ** 32));
  return { draws, seed, seedWasChosen: values.seed === undefined, threads };
}

/** Tells the user which seed was chosen for them, on stderr, so that stdout stays the output alone. */
export function announceChosenSeed(options: SimulationOptions, output: { stderr: NodeJS.WritableStream }): void {
  if (options.seedWasChosen) {
    output.stderr.write(`seed: ${options.seed} (chosen at random; pass --seed ${options.seed} to reproduce)\n`);
  }
}

function wholeNumber(flag: string, text: string | undefined, fallback: number, maximum: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= maximum)) throw new UsageError(`${flag} ${text}: expected a whole number from 1 to ${maximum}`);
  return value;
}
