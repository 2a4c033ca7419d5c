import { runForecasts } from '../../runtime/run-forecasts.ts';
import { formatForecastTable } from '../format/forecast-table.ts';
import { jsonText, wantsJson, type Output } from '../output.ts';
import { progressBar } from '../progress.ts';
import { readCountFile } from '../read-count-file.ts';
import { resolveRelease } from '../resolve-release.ts';
import { announceChosenSeed, SIMULATION_FLAGS, simulationOptions } from '../simulation-options.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export const FORECAST_HELP = `Usage: ballotcast forecast FILE [--draws N] [--seed S] [--as-of T] [--threads N] [--json]

Forecasts the last release of a count file (or the one --as-of names).
  --draws N     Monte Carlo draws (default 20000)
  --seed S      seed; without it a random seed is chosen, printed on stderr and recorded
  --as-of T     a release number (1 = first) or an ISO 8601 date-time: the last release at or before it
  --threads N   simulation threads (default: all cores); the output is the same for any number
  --json        print the forecast JSON even on a terminal (always, when stdout is not a terminal)
FILE may be - for standard input.`;

/** `ballotcast forecast`: one forecast, as a table on a terminal or as the contract's JSON. */
export async function forecastCommand(args: readonly string[], output: Output): Promise<void> {
  const { values, positionals } = parseCommandLine('forecast', args, { ...SIMULATION_FLAGS, 'as-of': { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('forecast takes exactly one count file', [FORECAST_HELP]);
  const countFile = await readCountFile(positionals[0]);
  const options = simulationOptions(values);
  const releaseIndex = resolveRelease(countFile, values['as-of']);
  announceChosenSeed(options, output);
  const progress = progressBar('forecast', output.stderr);
  const [forecast] = await runForecasts([{ countFile, releaseIndex, seed: options.seed, draws: options.draws }], {
    threads: options.threads,
    onProgress: options.draws >= 100_000 ? progress.update : undefined,
  }).finally(progress.stop);
  output.stdout.write(wantsJson(output, values.json) ? jsonText(forecast) : formatForecastTable(forecast));
}
