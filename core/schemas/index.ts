import * as z from 'zod';
import { CountFileShapeSchema, type CountFile } from './count-file.ts';
import { refineCountFile } from './count-file-checks.ts';
import { ForecastSchema } from './forecast.ts';
import { NightSummarySchema, RaceOutcomesDocumentSchema } from './night.ts';
import { formatIssues } from './format-issues.ts';
import { prototypeKeyIssues } from './prototype-keys.ts';

export * from './count-file.ts';
export * from './ids.ts';
export * from './id-rule.ts';
export { MAX_LABEL_LENGTH, MAX_NAME_LENGTH, textProblem } from './text.ts';
export * from './forecast.ts';
export * from './night.ts';
export { formatIssues, formatPath } from './format-issues.ts';
export { PROTOTYPE_KEY, prototypeKeyIssues } from './prototype-keys.ts';

/** A count file: shape plus the checks that need the whole file (ids, order, monotone counts). */
export const CountFileSchema = CountFileShapeSchema.superRefine(refineCountFile).meta({
  id: 'CountFile',
  description: 'One race and the history of its count, one release at a time (ballotcast contract, section 1).',
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Parses unknown JSON as a count file; errors are `path: reason` lines. */
export function parseCountFile(input: unknown): ParseResult<CountFile> {
  const result = CountFileSchema.safeParse(input);
  const errors = [...(result.success ? [] : formatIssues(result.error)), ...prototypeKeyIssues(input)];
  return result.success && errors.length === 0 ? { ok: true, value: result.data } : { ok: false, errors };
}

/** The published JSON Schemas. Forecast objects allow added fields, so readers stay forward compatible. */
export function countFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CountFileSchema, { io: 'input', unrepresentable: 'any' });
}

export function forecastJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ForecastSchema, { io: 'input', unrepresentable: 'any' });
}

export function nightSummaryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(NightSummarySchema, { io: 'input', unrepresentable: 'any' });
}

export function raceOutcomesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RaceOutcomesDocumentSchema, { io: 'input', unrepresentable: 'any' });
}
