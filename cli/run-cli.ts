import { forecastCommand, FORECAST_HELP } from './commands/forecast.ts';
import { importCommand, IMPORT_HELP } from './commands/import.ts';
import { nightCommand, NIGHT_HELP } from './commands/night.ts';
import { recordCommand, RECORD_HELP } from './commands/record.ts';
import { replayCommand, REPLAY_HELP } from './commands/replay.ts';
import { rerunCommand, RERUN_HELP } from './commands/rerun.ts';
import { schemaCommand, SCHEMA_HELP } from './commands/schema.ts';
import { validateCommand, VALIDATE_HELP } from './commands/validate.ts';
import { watchCommand, WATCH_HELP } from './commands/watch.ts';
import type { Output } from './output.ts';
import { formatUsageError, UsageError } from './usage-error.ts';

const HELP = `ballotcast: election-night forecasts from partial counts, by seeded Monte Carlo draws.

Usage: ballotcast COMMAND [options]

Commands:
  forecast FILE    forecast the latest release (or --as-of) of a count file
  replay FILE...   forecast every release, as the night unfolded
  night DIR        forecast every race of one election and sum the seats each party wins
  rerun RUN        reproduce a published forecast byte for byte, or explore "what if"
  validate FILE... check count files against the contract
  schema [KIND]    print the JSON Schema of count files, forecasts or night summaries
  import FORMAT SOURCE... --out DIR
                   turn recorded AP, Clarity or CSV feed snapshots into count files
  record FORMAT URL --dir DIR
                   poll an AP or Clarity feed and save every snapshot it serves
  watch FORMAT URL --api URL
                   poll an AP or Clarity feed and post its new releases to the API

Run ballotcast COMMAND --help for a command's options.`;

/** A command returns its exit code, or nothing for success. */
type Command = (args: readonly string[], output: Output) => Promise<number | void>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  forecast: { run: forecastCommand, help: FORECAST_HELP },
  replay: { run: replayCommand, help: REPLAY_HELP },
  night: { run: nightCommand, help: NIGHT_HELP },
  rerun: { run: rerunCommand, help: RERUN_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  schema: { run: schemaCommand, help: SCHEMA_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  record: { run: recordCommand, help: RECORD_HELP },
  watch: { run: watchCommand, help: WATCH_HELP },
};

/**
 * Runs one command line and returns the exit code: 0 on success, 2 for bad usage or bad input (with a
 * message, never a stack trace), 1 for anything unexpected.
 */
export async function runCli(argv: readonly string[], output: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) return fail(output, new UsageError('no command given', [HELP]));
  if (name === '--help' || name === '-h' || name === 'help') {
    output.stdout.write(`${HELP}\n`);
    return 0;
  }
  // Own keys only: `toString` or `__proto__` are not commands.
  if (!Object.hasOwn(COMMANDS, name)) return fail(output, new UsageError(`unknown command "${name}"`, [HELP]));
  const command = COMMANDS[name];
  if (args.includes('--help') || args.includes('-h')) {
    output.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return (await command.run(args, output)) ?? 0;
  } catch (error) {
    return fail(output, error, name);
  }
}

function fail(output: Output, error: unknown, commandName?: string): number {
  if (error instanceof UsageError) {
    output.stderr.write(formatUsageError(error));
    return 2;
  }
  // parseArgs reports unknown or malformed options with these codes.
  const code = (error as { code?: string }).code;
  if (code?.startsWith('ERR_PARSE_ARGS')) {
    output.stderr.write(`ballotcast: ${(error as Error).message}\n  (see ballotcast ${commandName ?? ''} --help)\n`);
    return 2;
  }
  output.stderr.write(`ballotcast: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.BALLOTCAST_DEBUG === '1' && error instanceof Error) output.stderr.write(`${error.stack}\n`);
  return 1;
}
