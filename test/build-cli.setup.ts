import { buildCli } from '../scripts/build-cli.mjs';

// Vitest global setup: rebuilds dist/ (the CLI bundle, under a second) before any test runs, so the tests
// that start bin/ballotcast.mjs as a user would test these sources, not whatever dist/ last held.
export default async function setup(): Promise<void> {
  await buildCli();
}
