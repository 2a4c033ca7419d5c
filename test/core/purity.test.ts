import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The pure-core rule (docs/style.md, Architecture): core/ imports only zod, simple-statistics, seedrandom
 * and its own files, and uses no environment, clock, global randomness or file system.
 *
 * Two more packages are allowed for one reason: core/provenance/canonical-input.ts hashes the canonical
 * input (RFC 8785 JSON, via `canonicalize`, digested with `node:crypto`'s SHA-256). Both are deterministic.
 */
const ALLOWED_PACKAGES = ['zod', 'simple-statistics', 'seedrandom', 'canonicalize', 'node:crypto'];

/** Imports named specially, so the failure says why rather than just "not allowed". */
const FORBIDDEN_IMPORTS: readonly [RegExp, string][] = [
  [/^(node:)?fs(\/|$)/, 'the file system'],
  [/^@aws-sdk\//, 'the AWS SDK'],
  [/^(node:)?worker_threads$/, 'worker threads'],
];

/** Code that reads the outside world, whatever it imports. */
const FORBIDDEN_CODE: readonly [RegExp, string][] = [
  [/\bprocess\.env\b/, 'process.env'],
  [/\bDate\.now\s*\(/, 'Date.now('],
  [/\bnew\s+Date\s*\(/, 'new Date('],
  [/\bMath\.random\b/, 'Math.random'],
  [/\brequire\s*\(/, 'require('],
];

/** How a module specifier appears: `from '…'`, a bare `import '…'`, or a dynamic `import('…')`. */
const SPECIFIER_PATTERNS = [/\bfrom\s*(['"])([^'"\n]+)\1/g, /\bimport\s*(['"])([^'"\n]+)\1/g, /\bimport\s*\(\s*(['"])([^'"\n]+)\1/g];
const COMPUTED_DYNAMIC_IMPORT = /\bimport\s*\(\s*(?!['"\s])/g;

export interface Violation {
  readonly line: number;
  readonly problem: string;
}

/**
 * Replaces comments with spaces, keeping newlines and string literals, so that prose such as
 * "never Math.random" in a JSDoc comment is not mistaken for code.
 */
export function withoutComments(source: string): string {
  let result = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    const next = source[index + 1];
    if (char === '/' && next === '/') {
      while (index < source.length && source[index] !== '\n') (result += ' '), index++;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', index + 2);
      const stop = end < 0 ? source.length : end + 2;
      result += source.slice(index, stop).replace(/[^\n]/g, ' ');
      index = stop;
    } else if (char === "'" || char === '"' || char === '`') {
      // Copy the string literal as it is, skipping escaped characters.
      let end = index + 1;
      while (end < source.length && source[end] !== char && !(char !== '`' && source[end] === '\n')) end += source[end] === '\\' ? 2 : 1;
      result += source.slice(index, end + 1);
      index = end + 1;
    } else {
      result += char;
      index++;
    }
  }
  return result;
}

/** Every breach of the pure-core rule in one source file of core/ (`fileDirectory` resolves relative imports). */
export function findViolations(source: string, fileDirectory: string, coreDirectory: string): Violation[] {
  const code = withoutComments(source);
  const lineOf = (offset: number) => code.slice(0, offset).split('\n').length;
  const violations: Violation[] = [];
  for (const pattern of SPECIFIER_PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const problem = importProblem(match[2], fileDirectory, coreDirectory);
      if (problem !== undefined) violations.push({ line: lineOf(match.index), problem });
    }
  }
  for (const match of code.matchAll(COMPUTED_DYNAMIC_IMPORT)) {
    violations.push({ line: lineOf(match.index), problem: 'dynamic import of a computed module name' });
  }
  code.split('\n').forEach((text, index) => {
    for (const [pattern, name] of FORBIDDEN_CODE) {
      if (pattern.test(text)) violations.push({ line: index + 1, problem: `uses ${name}` });
    }
  });
  return violations.sort((a, b) => a.line - b.line);
}

function importProblem(specifier: string, fileDirectory: string, coreDirectory: string): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const target = resolve(fileDirectory, specifier);
    return target.startsWith(coreDirectory + sep) ? undefined : `imports "${specifier}", which is outside core/`;
  }
  for (const [pattern, what] of FORBIDDEN_IMPORTS) {
    if (pattern.test(specifier)) return `imports "${specifier}" (${what})`;
  }
  const allowed = ALLOWED_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  return allowed ? undefined : `imports "${specifier}", which is not one of ${ALLOWED_PACKAGES.join(', ')}`;
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORE = join(REPO_ROOT, 'core');

describe('the pure core', () => {
  const files = typeScriptFiles(CORE);

  it('finds the sources of core/ to scan', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(join(CORE, 'provenance', 'canonical-input.ts'));
  });

  it('imports only allowed packages and its own files, and reads no environment, clock or global random', () => {
    const report = files.flatMap((file) =>
      findViolations(readFileSync(file, 'utf8'), dirname(file), CORE).map(
        ({ line, problem }) => `${relative(REPO_ROOT, file)}:${line}: ${problem}`,
      ),
    );

    expect(report).toEqual([]);
  });

  it('uses only the Math functions that docs/model.md (section 7) names as the basis of reproducibility', () => {
    const documented = new Set(['sqrt', 'abs', 'min', 'max', 'floor', 'ceil', 'round', 'exp', 'log', 'log1p', 'hypot', 'LN2']);
    const used = new Set(files.flatMap((file) => [...withoutComments(readFileSync(file, 'utf8')).matchAll(/\bMath\.(\w+)/g)].map((match) => match[1])));
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    expect(used.has('exp')).toBe(true);
  });

  describe('the scanner itself (so the rule cannot pass by scanning nothing)', () => {
    const scan = (source: string) => findViolations(source, join(CORE, 'model'), CORE);

    it('accepts what core/ is allowed to do', () => {
      const source = [
        "import { z } from 'zod';",
        "import seedrandom from 'seedrandom';",
        "import { mean } from 'simple-statistics';",
        "import { createHash } from 'node:crypto';",
        "import canonicalize from 'canonicalize';",
        "import type { CountFile } from '../schemas/count-file.ts';",
        "export { choleskyFactor } from './cholesky.ts';",
        '/** Never uses Math.random or process.env; see Date.now() elsewhere. */',
        "const url = 'https://example.org'; // Math.random in a comment",
        'const parsed = Date.parse(text);',
      ].join('\n');

      expect(scan(source)).toEqual([]);
    });

    it('names the line of each forbidden import and call', () => {
      const source = [
        "import { z } from 'zod';",
        "import { readFileSync } from 'node:fs';",
        "import { readFile } from 'fs/promises';",
        "import { S3Client } from '@aws-sdk/client-s3';",
        "import { Worker } from 'node:worker_threads';",
        "import Table from 'cli-table3';",
        "import { defaultThreads } from '../../runtime/run-forecasts.ts';",
        'const region = process.env.AWS_REGION;',
        'const now = Date.now();',
        'const today = new Date();',
        'const noise = Math.random();',
        "const os = require('node:os');",
        "const later = await import('node:path');",
        'const computed = await import(name);',
        "import {",
        "  writeFile,",
        "} from 'node:fs/promises';",
        "const text = '//'; const leak = process.env.HOME;",
      ].join('\n');

      expect(scan(source)).toEqual([
        { line: 2, problem: 'imports "node:fs" (the file system)' },
        { line: 3, problem: 'imports "fs/promises" (the file system)' },
        { line: 4, problem: 'imports "@aws-sdk/client-s3" (the AWS SDK)' },
        { line: 5, problem: 'imports "node:worker_threads" (worker threads)' },
        { line: 6, problem: expect.stringMatching(/^imports "cli-table3", which is not one of zod, /) },
        { line: 7, problem: 'imports "../../runtime/run-forecasts.ts", which is outside core/' },
        { line: 8, problem: 'uses process.env' },
        { line: 9, problem: 'uses Date.now(' },
        { line: 10, problem: 'uses new Date(' },
        { line: 11, problem: 'uses Math.random' },
        { line: 12, problem: 'uses require(' },
        { line: 13, problem: expect.stringMatching(/^imports "node:path", which is not one of /) },
        { line: 14, problem: 'dynamic import of a computed module name' },
        { line: 17, problem: 'imports "node:fs/promises" (the file system)' },
        { line: 18, problem: 'uses process.env' },
      ]);
    });
  });
});
