import { forecastCommand, FORECAST_HELP } from './commands/forecast.ts';
import { replayCommand, REPLAY_HELP } from './commands/replay.ts';
import { schemaCommand, SCHEMA_HELP } from './commands/schema.ts';
import { validateCommand, VALIDATE_HELP } from './commands/validate.ts';
import type { Output } from './output.ts';
import { UsageError } from './usage-error.ts';

const HELP = `ballotcast: election-night forecasts from partial counts, by seeded Monte Carlo draws.

Usage: ballotcast COMMAND [options]

Commands:
  forecast FILE    forecast the latest release (or --as-of) of a count file
  replay FILE...   forecast every release, as the night unfolded
  validate FILE... check count files against the contract
  schema [KIND]    print the JSON Schema of count files or forecasts

Run ballotcast COMMAND --help for a command's options.`;

const COMMANDS: Record<string, { run: (args: readonly string[], output: Output) => Promise<void>; help: string }> = {
  forecast: { run: forecastCommand, help: FORECAST_HELP },
  replay: { run: replayCommand, help: REPLAY_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  schema: { run: schemaCommand, help: SCHEMA_HELP },
};

/**
 * Runs one command line and returns the exit code: 0 on success, 2 for bad usage or bad input (with a
 * message, never a stack trace), 1 for anything unexpected.
 */
export async function runCli(argv: readonly string[], output: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    output.stdout.write(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) return fail(output, new UsageError(`unknown command "${name}"`, [HELP]));
  if (args.includes('--help') || args.includes('-h')) {
    output.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    await command.run(args, output);
    return 0;
  } catch (error) {
    return fail(output, error);
  }
}

function fail(output: Output, error: unknown): number {
  if (error instanceof UsageError) {
    output.stderr.write(`ballotcast: ${error.message}\n${error.details.map((line) => `  ${line}\n`).join('')}`);
    return 2;
  }
  // parseArgs reports unknown or malformed options with these codes.
  const code = (error as { code?: string }).code;
  if (code?.startsWith('ERR_PARSE_ARGS')) {
    output.stderr.write(`ballotcast: ${(error as Error).message}\n`);
    return 2;
  }
  output.stderr.write(`ballotcast: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.BALLOTCAST_DEBUG === '1' && error instanceof Error) output.stderr.write(`${error.stack}\n`);
  return 1;
}
