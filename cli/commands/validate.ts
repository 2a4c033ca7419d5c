import { parseCommandLine } from '../parse-command-line.ts';
import { printable } from '../format/printable.ts';
import type { Output } from '../output.ts';
import { readCountFile } from '../read-count-file.ts';
import type { CountFile } from '../../core/schemas/index.ts';
import { formatUsageError, UsageError } from '../usage-error.ts';

export const VALIDATE_HELP = `Usage: ballotcast validate FILE...

Checks count files against the contract: shape, candidates, time order, counts that never fall without a
correction, outstanding ranges. Lists every problem as path: reason, and exits 2 if there is any.`;

/** `ballotcast validate`: checks each file and says what it holds. */
export async function validateCommand(args: readonly string[], output: Output): Promise<number> {
  const { positionals } = parseCommandLine('validate', args, {});
  if (positionals.length === 0) throw new UsageError('validate takes one or more count files', [VALIDATE_HELP]);
  let invalid = 0;
  for (const path of positionals) {
    try {
      output.stdout.write(describeValid(path, await readCountFile(path)));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      output.stderr.write(formatUsageError(error));
      invalid++;
    }
  }
  if (invalid > 0 && positionals.length > 1) {
    output.stderr.write(`ballotcast: ${invalid} of ${positionals.length} files are not valid count files\n`);
  }
  return invalid > 0 ? 2 : 0;
}

function describeValid(path: string, countFile: CountFile): string {
  const units = new Set(countFile.releases.flatMap((release) => release.units.map((unit) => unit.id))).size;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return (
    `${printable(path)}: valid count file: race ${countFile.race.id} (${countFile.race.rule.kind}), ` +
    `${count(countFile.race.candidates.length, 'candidate')}, ${count(units, 'unit')}, ` +
    `${count(countFile.releases.length, 'release')}\n`
  );
}
