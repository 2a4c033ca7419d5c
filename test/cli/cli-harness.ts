import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Output } from '../../cli/output.ts';
import { runCli } from '../../cli/run-cli.ts';

/** The repository root, so that paths do not depend on the directory vitest was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute paths of the committed examples. */
export const GENERAL = join(REPO_ROOT, 'examples/la-mayor-2022-general.json');
export const PRIMARY = join(REPO_ROOT, 'examples/la-mayor-2022-primary.json');

/** What a command line printed, and its exit code. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A writable stream that keeps everything written to it as text. */
function collectingStream(isTTY: boolean): { stream: Writable & { isTTY: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { stream: Object.assign(stream, { isTTY }), text: () => chunks.join('') };
}

/**
 * Output streams held in memory. `stdoutIsTTY` chooses between the terminal (table) and the pipe (JSON)
 * behaviour; stderr is never a terminal, so no progress bar is drawn.
 */
export function captureOutput(stdoutIsTTY: boolean): { output: Output; stdout: () => string; stderr: () => string } {
  const stdout = collectingStream(stdoutIsTTY);
  const stderr = collectingStream(false);
  // Output.stderr is typed as a full tty.WriteStream; the CLI only writes to it and reads isTTY.
  const output: Output = { stdout: stdout.stream, stderr: stderr.stream as unknown as NodeJS.WriteStream };
  return { output, stdout: stdout.text, stderr: stderr.text };
}

/** Runs one command line in process, as `ballotcast ...argv` would, with stdout a pipe unless `tty`. */
export async function cli(argv: readonly string[], { tty = false }: { tty?: boolean } = {}): Promise<CliResult> {
  const captured = captureOutput(tty);
  const code = await runCli(argv, captured.output);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

/** True when the text contains a line of a JavaScript stack trace. */
export const hasStackTrace = (text: string): boolean => /^\s{4}at /m.test(text);

/** A temporary directory for count files written by a test. */
export function temporaryDirectory(prefix = 'ballotcast-cli-'): {
  readonly path: string;
  /** Writes a value as JSON (or a string verbatim) and returns the file's path. */
  write(name: string, content: unknown): string;
  remove(): void;
} {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
