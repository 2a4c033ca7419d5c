import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the CLI bundle (dist/) that bin/ballotcast.mjs starts.
    globalSetup: ['test/build-cli.setup.ts'],
    // Statistical and threaded tests simulate hundreds of thousands of draws.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
