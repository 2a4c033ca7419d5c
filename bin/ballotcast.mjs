#!/usr/bin/env node
// Entry point for `npx ballotcast`: loads the TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
