import type { z } from 'zod';
import { formatIssues } from '../core/schemas/index.ts';
import { bodyText } from './feed-body.ts';
import { FeedError } from './feed-error.ts';
import type { FeedSnapshot } from './recorded-snapshot.ts';

/**
 * A snapshot's body as JSON of the feed's documented shape.
 * @throws FeedError naming the source and, for a shape problem, each field (`races[0].reportingUnits: …`).
 */
export function parseFeedJson<Schema extends z.ZodType>(schema: Schema, snapshot: FeedSnapshot, what: string): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText(snapshot));
  } catch (error) {
    throw new FeedError(snapshot.source, `not valid JSON: ${(error as Error).message}`);
  }
  return checkFeedShape(schema, json, snapshot.source, what);
}

/**
 * A feed's parsed body (JSON, or XML read into objects) checked against its documented shape.
 * @throws FeedError `source: not <what>`, with each field's problem as a detail (`races[0].raceID: …`).
 */
export function checkFeedShape<Schema extends z.ZodType>(schema: Schema, value: unknown, source: string, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new FeedError(source, `not ${what}`, formatIssues(parsed.error));
  return parsed.data;
}
