#!/usr/bin/env node
// Entry point for `npx ballotcast`: starts the CLI bundled into plain JavaScript by scripts/build-cli.mjs
// (`npm ci` builds it through the `prepare` script; `npm run build` rebuilds it after a change).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/ballotcast.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'ballotcast: the CLI is not built (dist/ballotcast.mjs is missing).\n' +
      '  Build it with `npm run build` in the ballotcast checkout (`npm ci` builds it too).\n',
  );
  process.exit(1);
}
await import(bundle.href);
