import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { BallotcastFunction, ESM_REQUIRE_BANNER } from '../../infra/lib/ballotcast-function.ts';
import { makeApp } from './stack-template.ts';

describe('BallotcastFunction bundling', () => {
  it('emits an ESM bundle with source maps that loads CommonJS dependencies', () => {
    const app = makeApp({}); // bundling on, with the local esbuild
    const stack = new Stack(app, 'BundleProbe');
    new BallotcastFunction(stack, 'Probe', {
      entry: fileURLToPath(new URL('./fixtures/bundle-probe.ts', import.meta.url)),
      timeout: Duration.seconds(3),
    });
    const assembly = app.synth();

    const assetDirectory = readdirSync(assembly.directory)
      .map((name) => join(assembly.directory, name))
      .find((path) => existsSync(join(path, 'index.mjs')));
    expect(assetDirectory).toBeDefined();
    const bundle = readFileSync(join(assetDirectory!, 'index.mjs'), 'utf8');
    expect(bundle.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(bundle).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(existsSync(join(assetDirectory!, 'index.mjs.map'))).toBe(true);

    // Load it as Lambda does: plain ESM in a fresh Node process, where `require` exists only if the banner made it.
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(assetDirectory!, 'index.mjs')).href)});
      process.stdout.write(JSON.stringify(await handler()));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toMatchObject({ loaded: true, moduleUrl: expect.stringMatching(/^file:/) });
  });
});
