import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { connectSources, normalizeOrigin, parseOriginList } from './src/origins.ts';

// The newsroom graphic as a set of static files: the race page (index.html, app.css and app.js) and the
// night page (night.html, night.css and night.js), each script bundled by esbuild with everything it imports. `npx tsx web/build.ts` writes them to web/dist/; the local
// API server serves them from memory (scripts/dev.ts, scripts/demo.ts, test/e2e).
//
// The page reads the published JSON from its own origin, and from other origins only if they are allowed
// here: `--allow-origin https://results.example.org` (repeatable) or BALLOTCAST_ALLOW_ORIGINS (space- or
// comma-separated). They are written into both pages: the CSP's connect-src, and a <meta> the page checks
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

/** The pages' files, keyed by URL path: '/index.html', '/app.js', '/app.css', and '/night.html', '/night.js', '/night.css'. */
export type WebAssets = ReadonlyMap<string, WebAsset>;

/**
 * Bundles web/src/main.ts and web/src/night-main.ts for browsers (ES2022, one ES module each, no imports
 * left) and reads the HTML and CSS. Throws with esbuild's messages if the code does not build, or if a
 * bundle would import anything.
 */
export async function buildWebAssets(options: WebBuildOptions = {}): Promise<WebAssets> {
  const allowed = options.allowOrigins === undefined ? parseOriginList(process.env.BALLOTCAST_ALLOW_ORIGINS) : [...new Set(options.allowOrigins.map(normalizeOrigin))];
  const csp = contentSecurityPolicy(allowed);
  const page = async (name: string): Promise<WebAsset> => ({ body: await pageHtml(name, csp, allowed), contentType: 'text/html; charset=utf-8', contentSecurityPolicy: csp });
  const style = async (name: string): Promise<WebAsset> => ({ body: await readFile(join(WEB_DIR, name), 'utf8'), contentType: 'text/css; charset=utf-8' });
  const script = async (entry: string): Promise<WebAsset> => ({ body: await bundle(entry, options.minify ?? false), contentType: 'text/javascript; charset=utf-8' });
  // The race page (index.html) and the night page (night.html, which adds night.css): one bundle each, so
  // the race page does not carry the schemas the night page checks its documents with.
  return new Map<string, WebAsset>([
    ['/index.html', await page('index.html')],
    ['/app.css', await style('styles.css')],
    ['/app.js', await script('main.ts')],
    ['/night.html', await page('night.html')],
    ['/night.css', await style('night.css')],
    ['/night.js', await script('night-main.ts')],
  ]);
}

/** web/{name} with the CSP and the allowed origins filled in. */
async function pageHtml(name: string, csp: string, allowed: readonly string[]): Promise<string> {
  const template = await readFile(join(WEB_DIR, name), 'utf8');
  if (!template.includes('%CONTENT_SECURITY_POLICY%') || !template.includes('%ALLOWED_ORIGINS%')) {
    throw new Error(`web/${name} must hold %CONTENT_SECURITY_POLICY% and %ALLOWED_ORIGINS% for the build to fill in`);
  }
  // Origins are normalized by URL (no quotes, spaces or angle brackets), so they are safe in an attribute.
  return template.replace('%CONTENT_SECURITY_POLICY%', csp).replace('%ALLOWED_ORIGINS%', allowed.join(' '));
}

/** web/src/{entry} and everything it imports as one ES module; throws if it would import anything. */
async function bundle(entry: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [join(WEB_DIR, 'src', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    outfile: 'app.js',
  });
  const script = result.outputFiles[0].text;
  if (/^\s*import\s|\bimport\(/m.test(script)) throw new Error(`the bundle of web/src/${entry} must not import anything: the page must be self-contained`);
  return script;
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
