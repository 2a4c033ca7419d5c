import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findViolations, typeScriptFiles, type PurityRule } from '../fixtures/purity-scanner.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FEEDS = join(REPO_ROOT, 'feeds');

/**
 * feeds/ is pure like core/, so that the CLI now and a polling Lambda later can both use it: it imports its
 * own files, core/, zod, csv-parse, fflate (Clarity's zip) and fast-xml-parser (its detail.xml), and reads no file, environment, clock or global random. The callers
 * do the IO (the CLI reads the files; the snapshots carry their fetch times).
 */
const FEEDS_RULE: PurityRule = { directories: [FEEDS, join(REPO_ROOT, 'core')], packages: ['zod', 'csv-parse', 'fflate', 'fast-xml-parser'] };

describe('the pure feeds', () => {
  const files = typeScriptFiles(FEEDS);

  it('finds the sources of feeds/ to scan', () => {
    expect(files).toContain(join(FEEDS, 'snapshots-to-count-files.ts'));
    expect(files).toContain(join(FEEDS, 'csv', 'csv-observations.ts'));
  });

  it('imports only its own files, core/, zod, csv-parse, fflate and fast-xml-parser, and reads no environment, clock or global random', () => {
    const report = files.flatMap((file) =>
      findViolations(readFileSync(file, 'utf8'), dirname(file), FEEDS_RULE).map(({ line, problem }) => `${relative(REPO_ROOT, file)}:${line}: ${problem}`),
    );

    expect(report).toEqual([]);
  });

  it('is caught by the scanner when it reaches outside', () => {
    const source = ["import { readFile } from 'node:fs/promises';", "import { runCli } from '../cli/run-cli.ts';", 'const now = Date.now();'].join('\n');

    expect(findViolations(source, FEEDS, FEEDS_RULE).map((violation) => violation.problem)).toEqual([
      'imports "node:fs/promises" (the file system)',
      'imports "../cli/run-cli.ts", which is outside feeds/ and core/',
      'uses Date.now(',
    ]);
  });
});
