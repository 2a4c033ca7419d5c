import type { ForecastRequest } from '../../core/forecast-race.ts';
import type { Forecast } from '../../core/schemas/index.ts';
import { runForecasts } from '../../runtime/run-forecasts.ts';
import { formatTimelineTable } from '../format/timeline-table.ts';
import { jsonText, wantsJson, type Output } from '../output.ts';
import { progressBar } from '../progress.ts';
import { readCountFile } from '../read-count-file.ts';
import { announceChosenSeed, SIMULATION_FLAGS, simulationOptions } from '../simulation-options.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export const REPLAY_HELP = `Usage: ballotcast replay FILE... [--draws N] [--seed S] [--threads N] [--json]

Forecasts every release of each count file, as the night unfolded: a timeline on a terminal, or a JSON
array with one forecast per release, in order, files one after another. Options as for forecast.`;

/** `ballotcast replay`: one forecast per release of each file. */
export async function replayCommand(args: readonly string[], output: Output): Promise<void> {
  const { values, positionals } = parseCommandLine('replay', args, SIMULATION_FLAGS);
  if (positionals.length === 0) throw new UsageError('replay takes one or more count files', [REPLAY_HELP]);
  const countFiles = await Promise.all(positionals.map(readCountFile));
  const options = simulationOptions(values);
  announceChosenSeed(options, output);
  const requests: ForecastRequest[] = countFiles.flatMap((countFile) =>
    countFile.releases.map((_, releaseIndex) => ({ countFile, releaseIndex, seed: options.seed, draws: options.draws })),
  );
  const progress = progressBar('replay', output.stderr);
  const forecasts = await runForecasts(requests, { threads: options.threads, onProgress: progress.update }).finally(progress.stop);
  if (wantsJson(output, values.json)) output.stdout.write(jsonText(forecasts));
  else output.stdout.write(groupByFile(countFiles.map((file) => file.releases.length), forecasts).map(formatTimelineTable).join('\n'));
}

/** Splits the forecasts back into one list per file. */
function groupByFile(releaseCounts: readonly number[], forecasts: readonly Forecast[]): Forecast[][] {
  let start = 0;
  return releaseCounts.map((count) => forecasts.slice(start, (start += count)));
}
