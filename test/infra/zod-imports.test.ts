import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The code that goes into the Lambda bundles and the CLI bundle. */
const BUNDLED_FOLDERS = ['core', 'functions', 'cli', 'runtime', 'feeds'];

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('zod imports in bundled code', () => {
  // esbuild keeps the whole `z` namespace when it is imported by name (`import { z } from 'zod'`),
  // and with it z.locales: zod's messages in 40-odd languages, about 260 kB of each bundle. Imported as a
  // namespace (`import * as z from 'zod'`), only what the code uses is bundled. Type-only imports are erased.
  it('imports zod as a namespace, never `{ z }` as a value', () => {
    const offenders = BUNDLED_FOLDERS.flatMap(typeScriptFiles).filter(
      (file) => /^import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*['"]zod['"]/m.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
