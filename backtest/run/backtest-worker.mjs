// Worker entry point: lets the worker load TypeScript, whichever way the main thread was started
// (as runtime/simulate-worker.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./backtest-worker.ts');
