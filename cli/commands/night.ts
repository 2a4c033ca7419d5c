import { summarizeNight } from '../../core/night/summarize-night.ts';
import { runNightRaces } from '../../runtime/run-forecasts.ts';
import { formatNightTable } from '../format/night-table.ts';
import { jsonText, wantsJson, type Output } from '../output.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { progressBar } from '../progress.ts';
import { readNightFolder } from '../read-night-folder.ts';
import { resolveRelease } from '../resolve-release.ts';
import { announceChosenSeed, SIMULATION_FLAGS, simulationOptions } from '../simulation-options.ts';
import { UsageError } from '../usage-error.ts';

export const NIGHT_HELP = `Usage: ballotcast night DIR [--draws N] [--seed S] [--as-of T] [--threads N] [--json]

Forecasts every race of one election, the count files in DIR (all naming the same race.election), with
one seed, so that draw k of every race shares the election's swing, and sums each party's seats in every
draw: expected seats, the chance of at least N seats, the most likely counts, how the races moved
together, and each race's chances.
  --draws N     Monte Carlo draws per race (default 20000)
  --seed S      seed; without it a random seed is chosen, printed on stderr and recorded
  --as-of T     an ISO 8601 date-time: each race's last release at or before it (default: each file's last)
  --threads N   simulation threads (default: all cores); the output is the same for any number
  --json        print the night summary JSON (ballotcast schema night-summary) even on a terminal
DIR's *.json files are read, but not corpus.json (the backtest's labels) or subfolders.`;

/** `ballotcast night`: the seats of an election's parties, from its races' joint draws. */
export async function nightCommand(args: readonly string[], output: Output): Promise<void> {
  const { values, positionals } = parseCommandLine('night', args, { ...SIMULATION_FLAGS, 'as-of': { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('night takes exactly one folder of count files', [NIGHT_HELP]);
  const { election, races } = await readNightFolder(positionals[0]);
  const options = simulationOptions(values);
  const requests = races.map(({ path, countFile }) => ({
    countFile,
    releaseIndex: releaseAsOf(path, countFile, values['as-of']),
    seed: options.seed,
    draws: options.draws,
  }));
  announceChosenSeed(options, output);
  const progress = progressBar('night', output.stderr);
  const runs = await runNightRaces(requests, { threads: options.threads, onProgress: progress.update }).finally(progress.stop);
  const summary = summarizeNight(election, runs.map((run) => run.outcomes));
  const forecasts = runs.map((run) => run.forecast);
  output.stdout.write(wantsJson(output, values.json) ? jsonText(summary) : formatNightTable(summary, forecasts));
}

/** The release of one race that --as-of names, with the file named in the error. */
function releaseAsOf(path: string, countFile: Parameters<typeof resolveRelease>[0], asOf: string | undefined): number {
  try {
    return resolveRelease(countFile, asOf);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${path}: ${error.message}`, error.details);
    throw error;
  }
}
