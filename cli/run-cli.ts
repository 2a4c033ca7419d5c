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

// Each command is loaded when it is run: the bundle splits them into chunks (scripts/build-cli.mjs), so a
// start reads and compiles only its own command's code (`replay` needs no feed parsers, `--help` no model).
const COMMANDS: Record<string, () => Promise<{ run: Command; help: string }>> = {
  forecast: async () => import('./commands/forecast.ts').then((m) => ({ run: m.forecastCommand, help: m.FORECAST_HELP })),
  replay: async () => import('./commands/replay.ts').then((m) => ({ run: m.replayCommand, help: m.REPLAY_HELP })),
  night: async () => import('./commands/night.ts').then((m) => ({ run: m.nightCommand, help: m.NIGHT_HELP })),
  rerun: async () => import('./commands/rerun.ts').then((m) => ({ run: m.rerunCommand, help: m.RERUN_HELP })),
  validate: async () => import('./commands/validate.ts').then((m) => ({ run: m.validateCommand, help: m.VALIDATE_HELP })),
  schema: async () => import('./commands/schema.ts').then((m) => ({ run: m.schemaCommand, help: m.SCHEMA_HELP })),
  import: async () => import('./commands/import.ts').then((m) => ({ run: m.importCommand, help: m.IMPORT_HELP })),
  record: async () => import('./commands/record.ts').then((m) => ({ run: m.recordCommand, help: m.RECORD_HELP })),
  watch: async () => import('./commands/watch.ts').then((m) => ({ run: m.watchCommand, help: m.WATCH_HELP })),
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
  const command = await COMMANDS[name]();
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
