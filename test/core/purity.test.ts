import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findViolations, typeScriptFiles, withoutComments, type PurityRule } from '../fixtures/purity-scanner.ts';

/**
 * The pure-core rule (docs/style.md, Architecture): core/ imports only zod, simple-statistics, seedrandom
 * and its own files, and uses no environment, clock, global randomness or file system.
 *
 * Two more packages are allowed for one reason: core/provenance/canonical-input.ts hashes the canonical
 * input (RFC 8785 JSON, via `canonicalize`, digested with `node:crypto`'s SHA-256). Both are deterministic.
 */
const ALLOWED_PACKAGES = ['zod', 'simple-statistics', 'seedrandom', 'canonicalize', 'node:crypto'];

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORE = join(REPO_ROOT, 'core');
const CORE_RULE: PurityRule = { directories: [CORE], packages: ALLOWED_PACKAGES };

describe('the pure core', () => {
  const files = typeScriptFiles(CORE);

  it('finds the sources of core/ to scan', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(join(CORE, 'provenance', 'canonical-input.ts'));
  });

  it('imports only allowed packages and its own files, and reads no environment, clock or global random', () => {
    const report = files.flatMap((file) =>
      findViolations(readFileSync(file, 'utf8'), dirname(file), CORE_RULE).map(
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
    const scan = (source: string) => findViolations(source, join(CORE, 'model'), CORE_RULE);

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
