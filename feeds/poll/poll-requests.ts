import * as z from 'zod';
import { formatIssues } from '../../core/schemas/index.ts';
import { clarityFeedTime } from '../clarity/clarity-observations.ts';
import { FeedError } from '../feed-error.ts';
import type { BodyEncoding, RecordedSnapshot } from '../recorded-snapshot.ts';
import { DEFAULT_CLARITY_REPORT, type FeedSource } from './feed-source.ts';
import type { PollState } from './poll-state.ts';

/** A request a poller makes: for the feed's results, or (Clarity) for the current version number. */
export interface PollRequest {
  readonly purpose: 'feed' | 'version';
  readonly url: string;
  /** Clarity: the version whose report this request reads. */
  readonly version?: string;
}

/**
 * A response to a feed request, as fetched: the body as text, or in base64 (`encoding`) when binary.
 * `bodyHash` identifies the body (the caller hashes it).
 */
export interface FeedResponse {
  readonly request: PollRequest;
  readonly fetchedAt: string;
  readonly body: string;
  readonly encoding?: BodyEncoding;
  readonly contentType?: string;
  readonly bodyHash: string;
}

/**
 * What a poll found: a snapshot new to the poller, the same snapshot again, or nothing to read (AP's
 * answer with only a `nextrequest` when nothing changed; a Clarity version already read). The state is
 * the one to keep after it.
 */
export type PollFinding =
  | { readonly kind: 'new' | 'seen'; readonly state: PollState; readonly snapshot: RecordedSnapshot }
  | { readonly kind: 'no-change'; readonly state: PollState };

/** The parts of an AP response that steer polling; the converter reads the rest. */
const ApEnvelopeSchema = z.looseObject({
  nextrequest: z.string({ error: 'expected the next request URL as a string' }).optional(),
  timestamp: z.string().optional(),
  races: z.array(z.unknown()).optional(),
});

/**
 * The first request of a poll. AP: the last response's `nextrequest`, else the configured URL. Clarity:
 * the election folder's `current_ver.txt`.
 * @example firstRequest({ id: 'ga', format: 'clarity', url: 'https://x.test/GA/105369/' }, {}).url // 'https://x.test/GA/105369/current_ver.txt'
 */
export function firstRequest(source: FeedSource, state: PollState): PollRequest {
  if (source.format === 'ap') return { purpose: 'feed', url: state.nextUrl ?? source.url };
  return { purpose: 'version', url: new URL('current_ver.txt', folderUrl(source.url)).href };
}

/**
 * Clarity: the report to read for the version in `current_ver.txt`, or undefined when that version was
 * already read (the report cannot have changed).
 * @throws FeedError when the text is not a version number.
 */
export function reportRequest(source: FeedSource, state: PollState, versionText: string, versionUrl: string): PollRequest | undefined {
  const version = versionText.trim();
  if (!/^\d{1,20}$/.test(version)) throw new FeedError(versionUrl, `expected a version number, got ${JSON.stringify(version.slice(0, 40))}`);
  if (version === state.version) return undefined;
  return { purpose: 'feed', url: new URL(`${version}/${source.report ?? DEFAULT_CLARITY_REPORT}`, folderUrl(source.url)).href, version };
}

/** The state after a poll that found nothing to read. */
export function noChange(state: PollState, polledAt: string): PollFinding {
  return { kind: 'no-change', state: { ...state, lastPolledAt: polledAt } };
}

/**
 * Reads a feed response: the state to keep (AP's next request, Clarity's version, the snapshot's hash and
 * feed time) and whether the snapshot is new. A snapshot is "seen" when its body or its feed time (AP's
 * `timestamp`, Clarity's report Timestamp; summary.json has none) is the last one's.
 * @throws FeedError naming the URL and field when the body is not the feed's JSON, XML or zip.
 */
export function takeResponse(source: FeedSource, state: PollState, response: FeedResponse): PollFinding {
  const { request, fetchedAt, body, encoding, contentType, bodyHash } = response;
  const polled: PollState = { ...state, lastPolledAt: fetchedAt };
  let feedTime: string | undefined;
  if (source.format === 'ap') {
    const envelope = apEnvelope(body, request.url);
    if (envelope.nextrequest !== undefined) polled.nextUrl = envelope.nextrequest;
    if (envelope.races === undefined || envelope.races.length === 0) return { kind: 'no-change', state: polled };
    feedTime = envelope.timestamp;
  } else {
    feedTime = clarityFeedTime({ source: request.url, url: request.url, body, encoding });
    if (request.version !== undefined) polled.version = request.version;
  }
  const seen = bodyHash === state.lastBodyHash || (feedTime !== undefined && feedTime === state.lastFeedTime);
  const next: PollState = { ...polled, lastBodyHash: bodyHash, ...(feedTime === undefined ? {} : { lastFeedTime: feedTime }) };
  const snapshot: RecordedSnapshot = { fetchedAt, url: request.url, ...(contentType === undefined ? {} : { contentType }), ...(encoding === undefined ? {} : { encoding }), body };
  return { kind: seen ? 'seen' : 'new', state: next, snapshot };
}

function apEnvelope(body: string, url: string): z.infer<typeof ApEnvelopeSchema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new FeedError(url, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ApEnvelopeSchema.safeParse(json);
  if (!parsed.success) throw new FeedError(url, 'not an AP elections response', formatIssues(parsed.error));
  return parsed.data;
}

function folderUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
