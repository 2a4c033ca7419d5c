import { existsSync, readFileSync } from 'node:fs';
import type { CountFile } from '../../core/schemas/index.ts';
import type { BuiltExample } from '../../scripts/examples/build.ts';
import { buildCaCorpus, CORPUS_DIRS, CORPUS_SOURCE_FILES, type CorpusSourceTexts } from '../../scripts/corpus/ca-2024/build.ts';

// What the corpus-ca-2024*.test.ts files share: the raw CSVs in ../shared/data and the corpus built from them.

export const REPO_ROOT = new URL('../../', import.meta.url);
export const DATA_DIR = new URL('../shared/data/', REPO_ROOT);

// Set by `beforeAll(buildCorpus)` in each test file. ES module exports are live bindings, so the tests read
// these as plain variables once the hook has run.
export let sources: CorpusSourceTexts;
export let built: BuiltExample[];

/** Reads the raw CSVs; throws (failing every test) when ../shared/data is missing, never skips. */
function readSources(): CorpusSourceTexts {
  if (!existsSync(DATA_DIR)) throw new Error(`the corpus tests need ${DATA_DIR.pathname}; it is missing`);
  return Object.fromEntries(
    Object.entries(CORPUS_SOURCE_FILES).map(([role, file]) => [role, readFileSync(new URL(file, DATA_DIR), 'utf8')]),
  ) as CorpusSourceTexts;
}

export function buildCorpus(): void {
  sources = readSources();
  built = buildCaCorpus(sources);
}

export function builtFile(variant: keyof typeof CORPUS_DIRS, contestId: string): CountFile {
  const found = built.find((example) => example.path === `${CORPUS_DIRS[variant]}/${contestId}.json`);
  if (found === undefined) throw new Error(`no built file for ${variant} ${contestId}`);
  return found.countFile;
}

export function lastRelease(file: CountFile) {
  return file.releases[file.releases.length - 1];
}
