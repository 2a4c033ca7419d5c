import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// The newsroom graphic as a set of static files: index.html, app.css and app.js (web/src bundled by esbuild,
// with everything it imports, into one file). `npx tsx web/build.ts` writes them to web/dist/; the local
// API server serves them from memory (scripts/dev.ts, scripts/demo.ts, test/e2e).
const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');

/** One file of the page, by its path under the site's root. */
export interface WebAsset {
  readonly body: string;
  readonly contentType: string;
}

/** The page's files, keyed by URL path: '/index.html', '/app.js', '/app.css'. */
export type WebAssets = ReadonlyMap<string, WebAsset>;

/**
 * Bundles web/src/main.ts for browsers (ES2022, one ES module, no imports left) and reads the HTML and CSS.
 * Throws with esbuild's messages if the code does not build, or if the bundle would import anything.
 */
export async function buildWebAssets(options: { minify?: boolean } = {}): Promise<WebAssets> {
  const result = await build({
    entryPoints: [join(WEB_DIR, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: options.minify ?? false,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    outfile: 'app.js',
  });
  const script = result.outputFiles[0].text;
  if (/^\s*import\s|\bimport\(/m.test(script)) throw new Error('web/dist/app.js must not import anything: the page must be self-contained');
  return new Map<string, WebAsset>([
    ['/index.html', { body: await readFile(join(WEB_DIR, 'index.html'), 'utf8'), contentType: 'text/html; charset=utf-8' }],
    ['/app.css', { body: await readFile(join(WEB_DIR, 'styles.css'), 'utf8'), contentType: 'text/css; charset=utf-8' }],
    ['/app.js', { body: script, contentType: 'text/javascript; charset=utf-8' }],
  ]);
}

/** Writes the page to `directory` (default web/dist/), for hosting anywhere that serves static files. */
export async function writeWebAssets(directory = DIST_DIR, options: { minify?: boolean } = {}): Promise<string[]> {
  const assets = await buildWebAssets(options);
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [path, asset] of assets) {
    const file = join(directory, path.slice(1));
    await writeFile(file, asset.body);
    written.push(file);
  }
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await writeWebAssets(DIST_DIR, { minify: process.argv.includes('--minify') });
  for (const file of files) console.log(file);
}
