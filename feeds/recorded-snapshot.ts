import * as z from 'zod';

/**
 * One recorded fetch of a feed: when it was fetched, from where, and the body exactly as it came. A text
 * body (JSON, XML, CSV, a version number) is kept as text; a binary one (Clarity's reports/detailxml.zip)
 * as base64, with `encoding: "base64"`. `contentType` is the server's Content-Type, when it sent one. A
 * poller writes these; `ballotcast import` reads them (or plain feed files, whose own timestamp then stands
 * in for `fetchedAt`). Recordings made before `encoding` existed are text, and read as before.
 */
export const RecordedSnapshotSchema = z
  .strictObject({
    fetchedAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with an offset' }),
    url: z.string().optional(),
    contentType: z.string().optional(),
    encoding: z.literal('base64', { error: 'expected "base64" (a binary body), or no encoding (a text body)' }).optional(),
    body: z.string({ error: 'expected the feed body as a string' }),
  })
  .meta({ id: 'RecordedSnapshot', description: 'One fetch of a results feed: its time, its URL and its body (text, or base64 for a binary body).' });

export type RecordedSnapshot = z.infer<typeof RecordedSnapshotSchema>;

/** How a body is written: as text, or (a binary body) as base64. */
export type BodyEncoding = RecordedSnapshot['encoding'];

/**
 * A snapshot ready to convert: `source` names it in messages (a file, a file and index, or a URL); `url` is
 * where it was fetched from, when known (Clarity's summary.json is named by its URL alone).
 */
export interface FeedSnapshot {
  readonly source: string;
  readonly url?: string;
  readonly fetchedAt?: string;
  readonly encoding?: BodyEncoding;
  readonly body: string;
}
