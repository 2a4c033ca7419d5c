import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What each option that takes a value expects, in the words of the error messages and --help. */
const VALUE_OF: Readonly<Record<string, string>> = {
  draws: 'N',
  seed: 'S',
  threads: 'N',
  'as-of': 'T',
  set: 'UNIT.FIELD=VALUE',
  endpoint: 'URL',
  out: 'DIR',
  turnout: 'SHARE',
  every: 'S',
  timeout: 'S',
  report: 'PATH',
  'max-polls': 'N',
  until: 'T',
  dir: 'DIR',
  api: 'URL',
  token: 'TOKEN',
};

/**
 * Parses a command's arguments with node:util's parseArgs, after checking the options ourselves: parseArgs'
 * own messages call `--draws -5` "ambiguous" and quote an unknown option with an unbalanced quote. Here an
 * unknown option lists the command's options, a missing value says what the option takes, and a value that
 * looks like a negative number (`--draws -5`) is passed on, so that the option's check says what is allowed.
 */
export function parseCommandLine<const Options extends OptionsConfig>(command: string, args: readonly string[], options: Options) {
  const normalized = checkedArguments(command, args, options);
  return parseArgs({ args: normalized, options, allowPositionals: true, strict: true });
}

/** The arguments with each option checked, and `--opt -5` rewritten as `--opt=-5`. */
function checkedArguments(command: string, args: readonly string[], options: OptionsConfig): string[] {
  const checked: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    // After `--` everything is a file name; a lone `-` is standard input.
    if (argument === '--') return [...checked, ...args.slice(index)];
    if (!argument.startsWith('-') || argument === '-') {
      checked.push(argument);
      continue;
    }
    const [name, inlineValue] = splitOption(argument);
    const option = Object.hasOwn(options, name) ? options[name] : undefined;
    if (option === undefined || !argument.startsWith('--')) throw unknownOption(command, argument, options);
    if (option.type === 'boolean') {
      if (inlineValue !== undefined) throw new UsageError(`--${name} takes no value (got "${inlineValue}")`, [seeHelp(command)]);
      checked.push(argument);
      continue;
    }
    if (inlineValue !== undefined) {
      checked.push(argument);
      continue;
    }
    const next = args[index + 1];
    if (next === undefined || (next.startsWith('-') && !/^-\d/.test(next))) {
      throw new UsageError(`--${name} needs a value: --${name} ${VALUE_OF[name] ?? 'VALUE'}`, [seeHelp(command)]);
    }
    checked.push(`--${name}=${next}`);
    index++;
  }
  return checked;
}

/** `--draws=5` → ['draws', '5']; `--json` → ['json', undefined]. */
function splitOption(argument: string): [string, string | undefined] {
  const bare = argument.replace(/^--?/, '');
  const equals = bare.indexOf('=');
  return equals < 0 ? [bare, undefined] : [bare.slice(0, equals), bare.slice(equals + 1)];
}

function unknownOption(command: string, argument: string, options: OptionsConfig): UsageError {
  const known = Object.entries(options).map(([name, option]) => (option.type === 'boolean' ? `--${name}` : `--${name} ${VALUE_OF[name] ?? 'VALUE'}`));
  const list = known.length === 0 ? `${command} takes no options` : `the options of ${command} are ${known.join(', ')}`;
  return new UsageError(`unknown option ${JSON.stringify(argument.split('=')[0])}: ${list}`, [
    `a file name that starts with "-" goes after "--": ballotcast ${command} -- -my-file.json`,
    seeHelp(command),
  ]);
}

const seeHelp = (command: string): string => `(see ballotcast ${command} --help)`;
