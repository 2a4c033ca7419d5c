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

/** The text shown for a usage error: the message, then each detail indented on its own line. */
export function formatUsageError(error: UsageError): string {
  return `ballotcast: ${error.message}\n${error.details.map((line) => `  ${line}\n`).join('')}`;
}
