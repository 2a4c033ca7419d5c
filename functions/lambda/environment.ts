import * as z from 'zod';
import { FeedSourcesSchema } from '../../feeds/poll/feed-source.ts';

/** Every variable the functions read; each entry point parses the ones it needs, once, at cold start. */
const Variables = {
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  QUEUE_URL: z.string().url(),
  /** The publish queue (coalesced index.json and summary.json jobs). */
  PUBLISH_QUEUE_URL: z.string().url(),
  /** Draws of a release's own run, and so of the night's runs (docs/runs.md). */
  RELEASE_DRAWS: z.coerce.number().int().positive().max(200_000).default(20_000),
  PUBLIC_BASE_URL: z.string().url(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** The run queue's maxReceiveCount, so the run function knows a message's last delivery. */
  RUN_MAX_RECEIVES: z.coerce.number().int().positive(),
  /** The poller's feeds: a JSON array of FeedSource (feeds/poll/feed-source.ts), from the stack's `feeds`. */
  FEEDS: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'expected a JSON array of feeds' });
        return z.NEVER;
      }
    })
    .pipe(FeedSourcesSchema),
};

/** Reads the named variables from `source`; a missing one fails at cold start with its name. */
export function readEnvironment<K extends keyof typeof Variables>(names: readonly K[], source: NodeJS.ProcessEnv = process.env) {
  const schema = z.object(Object.fromEntries(names.map((name) => [name, Variables[name]])) as Pick<typeof Variables, K>);
  return schema.parse(source);
}
