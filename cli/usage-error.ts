import { printable } from './format/printable.ts';

/** A problem with how the command was called or with its input: exit code 2, message without a stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The text shown for a usage error: the message, then each detail indented on its own line. Messages quote
 * the input (a candidate key, a path, an override), so control characters in it are escaped; the line
 * breaks of the text itself (e.g. in a command's help) are kept.
 */
export function formatUsageError(error: UsageError): string {
  const safe = (text: string) => text.split('\n').map(printable).join('\n');
  return `ballotcast: ${safe(error.message)}\n${error.details.map((line) => `  ${safe(line)}\n`).join('')}`;
}
