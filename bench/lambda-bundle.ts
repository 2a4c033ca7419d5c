import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { spread } from './figures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COLD_IMPORT_RUNS = 7;
const ENVIRONMENT = {
  ...process.env,
  TABLE_NAME: 'bench',
  BUCKET_NAME: 'bench',
  RUN_MAX_RECEIVES: '3',
  PUBLISH_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-publish.fifo',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Bundles `entry` into `outfile` exactly as infra bundles the functions; returns esbuild's metafile. */
async function bundleAsInfra(entry: string, outfile: string): Promise<Metafile> {
  // Loaded here: aws-cdk-lib takes a second or two to import.
  const { LAMBDA_BUNDLING } = await import('../infra/lib/ballotcast-function.ts');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    external: LAMBDA_BUNDLING.bundleAwsSDK ? [] : ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

/** Milliseconds to import `file` in a fresh Node process, measured inside it. */
function importOnce(file: string, flags: readonly string[] = []): number {
  const script = `const start = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - start);`;
  const output = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], { env: ENVIRONMENT, encoding: 'utf8' });
  return Number(output.trim().split('\n').at(-1));
}

/** The packages (or top folders of ours) that fill the bundle most, by bytes of output. */
function largestParts(metafile: Metafile): string {
  const byPackage = new Map<string, number>();
  const output = Object.entries(metafile.outputs).find(([key]) => key.endsWith('index.mjs'))![1];
  for (const [path, input] of Object.entries(output.inputs)) {
    const inModules = path.split('node_modules/').at(-1)!;
    const name = path.includes('node_modules/') ? inModules.split('/').slice(0, inModules.startsWith('@') ? 2 : 1).join('/') : path.split('/').slice(0, 2).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return largest.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} kB`).join(', ');
}

/**
 * 5. The run-forecast Lambda bundled with infra's settings: size, what fills it, and its cold import; and,
 * for scale, the cold import of the AWS clients and logger it makes, bundled alone the same way.
 */
export async function lambdaBundle(benchDir: string): Promise<void> {
  const outfile = join(benchDir, 'lambda/run-forecast/index.mjs');
  const metafile = await bundleAsInfra('functions/lambda/run-forecast.ts', outfile);
  const code = readFileSync(outfile);
  const zipped = deflateRawSync(code).length + deflateRawSync(readFileSync(`${outfile}.map`)).length;
  console.log(
    `5. Lambda run-forecast, bundled with infra's settings: index.mjs ${(code.length / 1024).toFixed(0)} kB, map ${(statSync(`${outfile}.map`).size / 1024).toFixed(0)} kB, about ${(zipped / 1024).toFixed(0)} kB zipped`,
  );
  console.log(`   largest parts: ${largestParts(metafile)}`);
  const awsOnly = join(benchDir, 'lambda/aws-clients-only/index.mjs');
  await bundleAsInfra('bench/aws-clients-only.ts', awsOnly);
  const plain: number[] = [];
  const clientsAlone: number[] = [];
  for (let run = 0; run < COLD_IMPORT_RUNS; run++) {
    plain.push(importOnce(outfile));
    clientsAlone.push(importOnce(awsOnly));
  }
  const withMaps = Array.from({ length: COLD_IMPORT_RUNS }, () => importOnce(outfile, ['--enable-source-maps']));
  console.log(`   cold import (Node ${process.version}): ${spread(plain, 0, 'ms')}; with --enable-source-maps, as the functions run: ${spread(withMaps, 0, 'ms')}`);
  console.log(
    `   the AWS clients and logger it makes, bundled alone the same way (${(statSync(awsOnly).size / 1024).toFixed(0)} kB, none of our code), interleaved: ${spread(clientsAlone, 0, 'ms')}\n`,
  );
}
