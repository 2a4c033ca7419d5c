import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCountFile } from '../../core/schemas/index.ts';
import { formatCountFile, type BuiltExample } from './build.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '../shared/data/la-2022');

/**
 * The main of an example builder: reads the source CSVs named in `sourceFiles` from `--data DIR` (default
 * `defaultDataDir`, itself ../shared/data/la-2022 unless given), builds the count files, checks every one with `parseCountFile`, and writes them
 * only if all are valid, so a bad build leaves the committed files alone. Returns the exit code; bad data or
 * a missing file ends with its message, not a stack trace.
 */
export async function runExampleBuilder<Texts>(
  sourceFiles: Readonly<Record<string, string>>,
  build: (texts: Texts) => readonly BuiltExample[],
  defaultDataDir: string = DEFAULT_DATA_DIR,
): Promise<number> {
  try {
    const { values } = parseArgs({ options: { data: { type: 'string' } } });
    const dataDir = values.data === undefined ? defaultDataDir : resolve(values.data);
    if (!existsSync(dataDir)) throw new Error(`no data directory at ${dataDir}; pass --data DIR`);
    const entries = await Promise.all(
      Object.entries(sourceFiles).map(async ([role, file]) => [role, await readFile(join(dataDir, file), 'utf8')]),
    );
    const examples = build(Object.fromEntries(entries) as Texts);
    const invalid = examples.flatMap(({ path, countFile }) => {
      const result = parseCountFile(countFile);
      return result.ok ? [] : result.errors.map((error) => `${path}: ${error}`);
    });
    if (invalid.length > 0) {
      console.error(invalid.join('\n'));
      return 1;
    }
    for (const { path, countFile } of examples) {
      await mkdir(dirname(join(REPO_ROOT, path)), { recursive: true });
      await writeFile(join(REPO_ROOT, path), formatCountFile(countFile));
      console.log(`wrote ${path} (${countFile.releases.length} releases)`);
    }
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
