/** Where commands write, injectable so that tests can capture it. */
export interface Output {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WriteStream;
}

/** JSON goes out with --json or whenever stdout is not a terminal (a pipe or a file). */
export function wantsJson(output: Output, jsonFlag: boolean | undefined): boolean {
  return jsonFlag === true || output.stdout.isTTY !== true;
}

/** Pretty JSON with a trailing newline: the same value always gives the same bytes. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
