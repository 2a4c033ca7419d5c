// Worker entry point: lets the worker load TypeScript, whichever way the main thread was started.
import { register } from 'tsx/esm/api';

register();
await import('./simulate-worker.ts');
