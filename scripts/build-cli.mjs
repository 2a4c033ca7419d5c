#!/usr/bin/env node
// `npm run build` (and `npm ci`, through the `prepare` script): bundles the CLI and its simulation worker
// with esbuild into plain JavaScript in dist/, so that `npx ballotcast` starts with plain `node` instead of
// compiling the TypeScript sources through tsx at every start (and in every worker thread).
//
//   dist/ballotcast.mjs        cli/main.ts: the command line and the help
//   dist/simulate-worker.mjs   runtime/simulate-worker.ts, the worker-thread entry
//   dist/*-HASH.mjs            each command, loaded when it runs, and the code the entries share
//
// The chunks sit beside the entries, so that the worker pool finds dist/simulate-worker.mjs beside
// whichever chunk it was bundled into.
// The worker pool finds its entry beside itself (runtime/worker-pool.ts), so in the bundle it loads
// dist/simulate-worker.mjs, and from the sources (tests, tsx) runtime/simulate-worker.mjs.
//
// Plain .mjs, not TypeScript: `prepare` runs it before anything could load tsx.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(ROOT, 'dist');

/**
 * zod's `z` namespace carries `z.locales`, the error messages in 40-odd languages (about 260 kB of the
 * bundle), and esbuild keeps a namespace that is imported as `import { z } from 'zod'` whole. ballotcast
 * uses only the English messages zod installs by default, so the bundle gets a locales module that holds
 * only `en`. If zod moves its locales, the filter stops matching and the bundle is just larger.
 */
const englishZodLocalesOnly = {
  name: 'english-zod-locales-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-english-locales' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'zod-english-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** The esbuild options of the CLI bundle (exported for the bench's metafile analysis). */
export const CLI_BUILD_OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: { ballotcast: 'cli/main.ts', 'simulate-worker': 'runtime/simulate-worker.ts' },
  outdir: DIST_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Commands are imported when they run (cli/run-cli.ts): a start compiles only its own command's chunks.
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Less to parse at every start; identifiers too, since users see messages, not stack traces
  // (BALLOTCAST_DEBUG=1 prints one, mapped back to the sources by dist/*.map with --enable-source-maps).
  minify: true,
  sourcemap: 'linked',
  // The AWS SDK serves only `rerun s3://…` and is imported on first use; it stays in node_modules.
  external: ['@aws-sdk/*'],
  // Lets the CommonJS dependencies folded into the ESM bundle (seedrandom, cli-table3, …) call require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [englishZodLocalesOnly],
  metafile: true,
  logLevel: 'warning',
};

/**
 * Builds dist/ and returns esbuild's metafile. Each file is written beside its final name and renamed
 * into place, so a process starting the CLI meanwhile (or a second build) never reads half a file.
 */
export async function buildCli() {
  const result = await build({ ...CLI_BUILD_OPTIONS, write: false });
  await mkdir(DIST_DIR, { recursive: true });
  for (const file of result.outputFiles) {
    const partial = `${file.path}.${process.pid}.partial`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
  }
  // Chunks are named by their content's hash: the ones of earlier builds are no longer imported.
  const written = new Set(result.outputFiles.map((file) => file.path));
  const stale = (await readdir(DIST_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && /-[A-Z0-9]{8}\.mjs(\.map)?$/.test(entry.name))
    .map((entry) => join(DIST_DIR, entry.name))
    .filter((path) => !written.has(path));
  await Promise.all(stale.map((path) => rm(path, { force: true })));
  return result.metafile;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const metafile = await buildCli();
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!path.endsWith('.map')) console.log(`${relative(ROOT, join(ROOT, path))}  ${(output.bytes / 1024).toFixed(0)} kB`);
  }
}
