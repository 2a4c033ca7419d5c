import { readFileSync } from 'node:fs';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import type { CountFileEntry } from './find-count-files.ts';

/** A count file that passed `parseCountFile`, with its labels. */
export interface LoadedCountFile extends CountFileEntry {
  readonly countFile: CountFile;
}

/** A file that is not a valid count file, and why. */
export interface RejectedFile {
  readonly path: string;
  readonly errors: readonly string[];
}

/**
 * Reads and validates each file. An unreadable or invalid file is rejected with its errors (`path: reason`
 * lines from `parseCountFile`) rather than stopping the run.
 */
export function loadCountFiles(entries: readonly CountFileEntry[]): { loaded: LoadedCountFile[]; rejected: RejectedFile[] } {
  const loaded: LoadedCountFile[] = [];
  const rejected: RejectedFile[] = [];
  for (const entry of entries) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(entry.path, 'utf8'));
    } catch (error) {
      rejected.push({ path: entry.path, errors: [error instanceof Error ? error.message : String(error)] });
      continue;
    }
    const parsed = parseCountFile(json);
    if (parsed.ok) loaded.push({ ...entry, countFile: parsed.value });
    else rejected.push({ path: entry.path, errors: parsed.errors });
  }
  return { loaded, rejected };
}
