import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import * as z from 'zod';
import { CorpusInfoSchema, LA_EXAMPLES_LABEL, type CorpusLabel } from './corpus-info.ts';

/** A count file to score, with the labels it is scored under. */
export interface CountFileEntry {
  /** Path as given or found, relative to the working directory when inside it. */
  readonly path: string;
  readonly label: CorpusLabel;
  /** Where the label came from: a corpus.json path, or why a default was used. */
  readonly labelFrom: string;
}

export const CORPUS_INFO_FILE = 'corpus.json';

/**
 * The default inputs of `npm run backtest`: every folder under `corpus/` (if any), then the real LA 2022
 * examples, `examples/*.json` and `examples/contests/`. Other folders of `examples/` (the night page's
 * made-up wards, feed recordings) are not real counts, so they are not scored.
 */
export function defaultInputs(root: string): string[] {
  const corpusRoot = join(root, 'corpus');
  const corpora = existsSync(corpusRoot)
    ? readdirSync(corpusRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(corpusRoot, entry.name))
        .sort()
    : [];
  const examples = join(root, 'examples');
  const laFiles = existsSync(examples)
    ? readdirSync(examples, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => join(examples, entry.name))
        .sort()
    : [];
  return [...corpora, ...laFiles, join(examples, 'contests')];
}

/**
 * Every count file (`*.json` but `corpus.json`) in the inputs, folders searched recursively, in sorted
 * order with no path twice. Each file is labelled by the nearest `corpus.json` in its folder or a parent;
 * files under the repository's `examples/` folder without one are `la-2022`,
 * `derived`; any other file without one is labelled by its input folder's name, `derived`.
 * @throws Error when an input does not exist or a corpus.json is invalid.
 */
export function findCountFiles(inputs: readonly string[], root: string): CountFileEntry[] {
  const seen = new Set<string>();
  const entries: CountFileEntry[] = [];
  for (const input of inputs) {
    const absoluteInput = resolve(input);
    if (!existsSync(absoluteInput)) throw new Error(`no such file or folder: ${input}`);
    const isFolder = statSync(absoluteInput).isDirectory();
    const files = isFolder ? jsonFilesUnder(absoluteInput) : [absoluteInput];
    const top = isFolder ? absoluteInput : dirname(absoluteInput);
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      entries.push({ path: displayPath(file), ...labelFor(file, top, root) });
    }
  }
  return entries;
}

/** JSON files under a folder, recursively, sorted, without corpus.json. */
function jsonFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json') && basename(name) !== CORPUS_INFO_FILE)
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/**
 * The label of a file: the nearest corpus.json from its folder upwards (up to the repository root for a
 * file inside it, so that `corpus/x/sub/file.json` finds `corpus/x/corpus.json`), else a default.
 */
function labelFor(file: string, top: string, root: string): Pick<CountFileEntry, 'label' | 'labelFrom'> {
  const repositoryRoot = resolve(root);
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const infoPath = join(folder, CORPUS_INFO_FILE);
    if (existsSync(infoPath)) return { label: readCorpusLabel(infoPath), labelFrom: displayPath(infoPath) };
    if (folder === repositoryRoot || folder === dirname(folder)) break;
  }
  const examples = resolve(root, 'examples');
  if (file.startsWith(examples + sep)) return { label: LA_EXAMPLES_LABEL, labelFrom: 'the repository\'s LA 2022 examples' };
  return { label: { source: basename(top), estimates: 'derived' }, labelFrom: `no ${CORPUS_INFO_FILE}: folder name, estimates assumed derived` };
}

function readCorpusLabel(path: string): CorpusLabel {
  const parsed = CorpusInfoSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${displayPath(path)}:\n${z.prettifyError(parsed.error)}`);
  return { source: parsed.data.source, estimates: parsed.data.estimates };
}

/** Relative to the working directory when inside it, else absolute. */
function displayPath(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath.startsWith('..') ? file : relativePath;
}
