// Worker entry point when running from the sources: lets the worker load TypeScript through tsx. (The
// CLI bundle has its own, dist/simulate-worker.mjs, built from simulate-worker.ts.)
import { register } from 'tsx/esm/api';

register();
await import('./simulate-worker.ts');
