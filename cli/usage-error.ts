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
