import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCountFile } from '../../core/schemas/index.ts';
import { formatCountFile, type BuiltExample } from './build.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a builder may change about the run: its default data set, and a report printed after writing. */
export type BuilderOptions = {
  /** Folder of ../shared/data used without `--data`; default 'la-2022'. */
  dataSet?: string;
  /** Called with the written files; its text is printed (e.g. how the derived estimates did). */
  report?: (examples: readonly BuiltExample[]) => string;
  /** The committed text of a count file; default `formatCountFile` (indented JSON). */
  format?: (countFile: BuiltExample['countFile']) => string;
};

/**
 * The main of an example builder: reads the source CSVs named in `sourceFiles` from `--data DIR` (default
 * ../shared/data/<options.dataSet>, la-2022 unless given), builds the count files, checks every one with `parseCountFile`, and writes them
 * only if all are valid, so a bad build leaves the committed files alone. Returns the exit code; bad data or
 * a missing file ends with its message, not a stack trace.
 */
export async function runExampleBuilder<Texts>(
  sourceFiles: Readonly<Record<string, string>>,
  build: (texts: Texts) => readonly BuiltExample[],
  options: BuilderOptions = {},
): Promise<number> {
  try {
    const { values } = parseArgs({ options: { data: { type: 'string' } } });
    const defaultDataDir = resolve(REPO_ROOT, '../shared/data', options.dataSet ?? 'la-2022');
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
      await writeFile(join(REPO_ROOT, path), (options.format ?? formatCountFile)(countFile));
      console.log(`wrote ${path} (${countFile.releases.length} releases)`);
    }
    if (options.report !== undefined) console.log(options.report(examples));
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
