import { beforeAll, expect } from 'vitest';
import type { Release } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../../functions/http/http-types.ts';
import type { LocalStack } from '../../local/local-stack.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { useLocalStack } from './local-stack-fixture.ts';

// What the pipeline*.test.ts files share: the pipeline on the local stack, and requests to its API routes.

export const general = exampleCountFile('la-mayor-2022-general');
const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };

/** A signed API request, as API Gateway would pass it on. */
export function request(parameters: Record<string, string>, body?: unknown, raw?: string): HttpRequest {
  return { pathParameters: parameters, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)), requestContext: signed };
}

export const parse = (response: HttpResponse) => JSON.parse(response.body);

// Set by the hooks usePipeline registers. ES module exports are live bindings, so the tests read these as
// plain variables once the hooks have run.
export let stack: LocalStack;
export let pipeline: LocalPipeline;

/** Starts the local stack for the calling test file (see useLocalStack) and builds the pipeline on it. */
export function usePipeline(): void {
  const localStack = useLocalStack();
  beforeAll(() => {
    stack = localStack();
    pipeline = buildLocalPipeline(stack);
  });
}

let raceCounter = 0;

/** A fresh race id with the general's candidates, created through the API. */
export async function newRace(): Promise<string> {
  const raceId = `race-${++raceCounter}`;
  const response = await pipeline.routes.putRace(request({ raceId }, { ...general.race, id: raceId }));
  expect(response.statusCode).toBe(201);
  return raceId;
}

export const post = (raceId: string, release: unknown, raw?: string) => pipeline.routes.postRelease(request({ raceId }, release, raw));

/** A valid first release of the general with `count` units, each a copy of its first unit. */
export function manyUnits(count: number): Release {
  const first = general.releases[0];
  return { ...first, units: Array.from({ length: count }, (_, index) => ({ ...first.units[0], id: `unit-${index}` })) };
}
