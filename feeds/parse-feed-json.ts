import type { z } from 'zod';
import { formatIssues } from '../core/schemas/index.ts';
import { FeedError } from './feed-error.ts';
import type { FeedSnapshot } from './recorded-snapshot.ts';

/**
 * A snapshot's body as JSON of the feed's documented shape.
 * @throws FeedError naming the source and, for a shape problem, each field (`races[0].reportingUnits: …`).
 */
export function parseFeedJson<Schema extends z.ZodType>(schema: Schema, snapshot: FeedSnapshot, what: string): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(snapshot.body);
  } catch (error) {
    throw new FeedError(snapshot.source, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new FeedError(snapshot.source, `not ${what}`, formatIssues(parsed.error));
  return parsed.data;
}
