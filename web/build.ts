import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { connectSources, normalizeOrigin, parseOriginList } from './src/origins.ts';

// The newsroom graphic as a set of static files: index.html, app.css and app.js (web/src bundled by esbuild,
// with everything it imports, into one file). `npx tsx web/build.ts` writes them to web/dist/; the local
// API server serves them from memory (scripts/dev.ts, scripts/demo.ts, test/e2e).
//
// The page reads the published JSON from its own origin, and from other origins only if they are allowed
// here: `--allow-origin https://results.example.org` (repeatable) or BALLOTCAST_ALLOW_ORIGINS (space- or
// comma-separated). They are written into index.html: the CSP's connect-src, and a <meta> the page checks
// `?base=` against before it fetches anything.
const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');

/** One file of the page, by its path under the site's root. */
export interface WebAsset {
  readonly body: string;
  readonly contentType: string;
  /** The Content-Security-Policy to serve it with (index.html only; the same one its <meta> holds). */
  readonly contentSecurityPolicy?: string;
}

export interface WebBuildOptions {
  readonly minify?: boolean;
  /** Origins besides the page's own that `?base=` may name; default: BALLOTCAST_ALLOW_ORIGINS, else none. */
  readonly allowOrigins?: readonly string[];
}

/** The page's Content-Security-Policy: its own script and style, and JSON from its origin and `allowed`. */
export function contentSecurityPolicy(allowed: readonly string[]): string {
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connectSources(allowed)}; base-uri 'none'; form-action 'none'`;
}

/** The page's files, keyed by URL path: '/index.html', '/app.js', '/app.css'. */
export type WebAssets = ReadonlyMap<string, WebAsset>;

/**
 * Bundles web/src/main.ts for browsers (ES2022, one ES module, no imports left) and reads the HTML and CSS.
 * Throws with esbuild's messages if the code does not build, or if the bundle would import anything.
 */
export async function buildWebAssets(options: WebBuildOptions = {}): Promise<WebAssets> {
  const allowed = options.allowOrigins === undefined ? parseOriginList(process.env.BALLOTCAST_ALLOW_ORIGINS) : [...new Set(options.allowOrigins.map(normalizeOrigin))];
  const csp = contentSecurityPolicy(allowed);
  const template = await readFile(join(WEB_DIR, 'index.html'), 'utf8');
  if (!template.includes('%CONTENT_SECURITY_POLICY%') || !template.includes('%ALLOWED_ORIGINS%')) {
    throw new Error('web/index.html must hold %CONTENT_SECURITY_POLICY% and %ALLOWED_ORIGINS% for the build to fill in');
  }
  // Origins are normalized by URL (no quotes, spaces or angle brackets), so they are safe in an attribute.
  const indexHtml = template.replace('%CONTENT_SECURITY_POLICY%', csp).replace('%ALLOWED_ORIGINS%', allowed.join(' '));
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
    ['/index.html', { body: indexHtml, contentType: 'text/html; charset=utf-8', contentSecurityPolicy: csp }],
    ['/app.css', { body: await readFile(join(WEB_DIR, 'styles.css'), 'utf8'), contentType: 'text/css; charset=utf-8' }],
    ['/app.js', { body: script, contentType: 'text/javascript; charset=utf-8' }],
  ]);
}

/** Writes the page to `directory` (default web/dist/), for hosting anywhere that serves static files. */
export async function writeWebAssets(directory = DIST_DIR, options: WebBuildOptions = {}): Promise<string[]> {
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
  const args = process.argv.slice(2);
  const allowOrigins: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--allow-origin') {
      if (args[i + 1] === undefined) throw new Error('--allow-origin needs an origin, such as --allow-origin https://results.example.org');
      allowOrigins.push(args[++i]);
    } else if (args[i].startsWith('--allow-origin=')) allowOrigins.push(args[i].slice('--allow-origin='.length));
  }
  const fromEnv = parseOriginList(process.env.BALLOTCAST_ALLOW_ORIGINS);
  const files = await writeWebAssets(DIST_DIR, { minify: args.includes('--minify'), allowOrigins: [...fromEnv, ...allowOrigins] });
  for (const file of files) console.log(file);
  const origins = [...fromEnv, ...allowOrigins].map(normalizeOrigin);
  console.log(`reads JSON from its own origin${origins.length === 0 ? ' only' : ` and ${[...new Set(origins)].join(', ')}`}`);
}
