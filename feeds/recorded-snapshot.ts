import * as z from 'zod';

/**
 * One recorded fetch of a feed: when it was fetched, from where, and the body exactly as it came. A poller
 * writes these; `ballotcast import` reads them (or plain feed files, whose own timestamp then stands in
 * for `fetchedAt`).
 */
export const RecordedSnapshotSchema = z
  .strictObject({
    fetchedAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with an offset' }),
    url: z.string().optional(),
    body: z.string({ error: 'expected the feed body as a string' }),
  })
  .meta({ id: 'RecordedSnapshot', description: 'One fetch of a results feed: its time, its URL and its body as text.' });

export type RecordedSnapshot = z.infer<typeof RecordedSnapshotSchema>;

/** A snapshot ready to convert: `source` names it in messages (a file, a file and index, or a URL). */
export interface FeedSnapshot {
  readonly source: string;
  readonly fetchedAt?: string;
  readonly body: string;
}
