import { readFile } from 'node:fs/promises';
import { freezeReleases } from '../core/provenance/freeze-releases.ts';
import type { CountFile } from '../core/schemas/index.ts';
import { parseCountFileFully } from './count-file-problems.ts';
import { UsageError } from './usage-error.ts';

/** Reads a text file, or standard input for `-`; a file that cannot be read is a UsageError naming it. */
export async function readText(path: string): Promise<string> {
  return (await readBytes(path)).toString('utf8');
}

/** Reads a file's bytes (a zip, or text), or standard input for `-`; a UsageError naming a file that cannot be read. */
export async function readBytes(path: string): Promise<Buffer> {
  try {
    return path === '-' ? await readStdin() : await readFile(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Reads JSON from a path, or from standard input for `-`. */
export async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads and validates a count file; every problem is listed as `path: reason`. Its releases are frozen:
 * a command may forecast many of them, and each forecast hashes all the releases before it.
 */
export async function readCountFile(path: string): Promise<CountFile> {
  const parsed = parseCountFileFully(await readJson(path));
  if (!parsed.ok) throw new UsageError(`${path}: not a valid count file`, parsed.errors);
  return freezeReleases(parsed.value);
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
