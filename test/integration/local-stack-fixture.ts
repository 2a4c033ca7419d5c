import { afterAll, beforeAll } from 'vitest';
import { releaseHash } from '../../core/pipeline/release-checks.ts';
import type { Race, Release } from '../../core/schemas/index.ts';
import { startLocalStack, type LocalStack } from '../../local/local-stack.ts';

/**
 * Start-up takes about 3 s on an idle machine and has taken 15 s on a busy one (DynamoDB Local is a JVM);
 * hooks get far more than that, so a slow machine fails with the server's own message, not a timeout.
 */
export const STACK_HOOK_TIMEOUT_MS = 120_000;

/**
 * Starts DynamoDB Local and s3rver once for the calling test file (beforeAll) and stops them (afterAll).
 * Returns a getter, since the stack exists only once beforeAll has run.
 */
export function useLocalStack(): () => LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({ startTimeoutMs: 90_000 });
    if (process.env.BALLOTCAST_LOG_STACK === '1') console.info('local stack started', stack.timings);
  }, STACK_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  }, STACK_HOOK_TIMEOUT_MS);
  return () => {
    if (stack === undefined) throw new Error('the local stack is not running (did beforeAll fail?)');
    return stack;
  };
}

let counter = 0;

/** A race id no other test in this process uses, so tests can share one table. */
export function uniqueRaceId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** A two-candidate plurality race. */
export function sampleRace(id: string): Race {
  return {
    id,
    name: `Race ${id}`,
    rule: { kind: 'plurality' },
    candidates: [
      { id: 'ada', name: 'Ada Lovelace', party: 'Analytical' },
      { id: 'grace', name: 'Grace Hopper' },
    ],
  };
}

/** A release of two units at `asOf`, counts growing with `step`. */
export function sampleRelease(asOf: string, step: number): Release {
  return {
    asOf,
    label: `Update ${step}`,
    units: [
      { id: 'north', name: 'Zoë’s ward — north', counted: { ada: 100 * step, grace: 90 * step }, outstanding: { expected: 1000 - 100 * step } },
      { id: 'south', counted: { ada: 80 * step, grace: 120 * step }, outstanding: { expected: 900, low: 800, high: 1000 } },
    ],
  };
}

/** The release's identity, as the API computes it. */
export function hashOf(release: Release): string {
  return releaseHash(release);
}
