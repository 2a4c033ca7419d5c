import * as z from 'zod';
import { IdSchema } from '../../core/schemas/index.ts';

/** The feeds a poller can follow: AP's Elections API and Clarity ENR sites. */
export const POLL_FORMATS = ['ap', 'clarity'] as const;
export type PollFormat = (typeof POLL_FORMATS)[number];

/**
 * The fewest seconds between two polls of a real feed. AP: "AP does not recommend making requests more
 * frequently than every few seconds" (Optimizing Elections API Requests), and its per-minute quota is
 * per key. Clarity publishes no rate; its pages themselves refresh every minute or so, so 30 s is polite.
 */
export const MIN_INTERVAL_SECONDS: Readonly<Record<PollFormat, number>> = { ap: 5, clarity: 30 };
/** The interval used when none is configured. */
export const DEFAULT_INTERVAL_SECONDS: Readonly<Record<PollFormat, number>> = { ap: 10, clarity: 60 };
/**
 * Where a Clarity report lies under a version folder, by default: the detail report as Clarity serves it,
 * zipped. `json/en/summary.json` (race totals only) is the choice for a site that publishes no detail, and
 * `ballotcast import clarity` reads the detail report as JSON too, for a collector or proxy that serves that.
 */
export const DEFAULT_CLARITY_REPORT = 'reports/detailxml.zip';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** A Secrets Manager secret's name (letters, digits and /_+=.@-) or its ARN. */
const SecretId = z
  .string()
  .regex(/^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}$/, {
    error: 'expected a Secrets Manager secret name (e.g. ballotcast/ap-api-key) or ARN',
  });

/**
 * One feed to poll, as configured (CDK context `feeds`, or the command line of watch and record):
 * - `ap`: `url` is the first request (e.g. https://api.ap.org/v3/elections/2024-11-05?statePostal=GA&level=ru&format=json);
 *   later polls follow each response's `nextrequest`. In AWS, `apiKeySecret` names the Secrets Manager
 *   secret that holds AP's key (its plain text), sent as `x-api-key`; the key itself is never configured;
 * - `clarity`: `url` is the election's folder (…/GA/105369/); each poll reads `current_ver.txt` there and,
 *   when the version changed, `{version}/{report}` (reports/detailxml.zip unless `report` says otherwise).
 */
export const FeedSourceSchema = z
  .strictObject({
    id: IdSchema.describe('Names the feed in poll state and logs'),
    format: z.enum(POLL_FORMATS, { error: 'expected "ap" or "clarity"' }),
    url: HttpUrl,
    report: z.string().regex(/^[A-Za-z0-9._/-]+$/, { error: 'expected a relative path, e.g. json/en/summary.json' }).optional(),
    intervalSeconds: z.number({ error: 'expected seconds between polls' }).positive({ error: 'expected seconds between polls' }).optional(),
    apiKeySecret: SecretId.describe("AP: the Secrets Manager secret (name or ARN) holding the feed's API key").optional(),
  })
  .superRefine((feed, context) => {
    if (feed.apiKeySecret !== undefined && feed.format !== 'ap') context.addIssue({ code: 'custom', path: ['apiKeySecret'], message: 'only AP feeds take an API key' });
  })
  .meta({ id: 'FeedSource', description: 'A results feed that ballotcast polls.' });

export type FeedSource = z.infer<typeof FeedSourceSchema>;

/** The feeds of a deployment: ids unique. */
export const FeedSourcesSchema = z.array(FeedSourceSchema).superRefine((feeds, context) => {
  const seen = new Set<string>();
  feeds.forEach((feed, index) => {
    if (seen.has(feed.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `feed id "${feed.id}" is used twice` });
    seen.add(feed.id);
  });
});

/** Whether a URL points at this machine: a local replay, which the feed's minimum interval does not bind. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The seconds between polls of a feed: the configured interval or the default.
 * @throws Error naming `intervalSeconds` when it is below the feed's minimum, unless the feed is on loopback.
 * @example pollIntervalSeconds({ id: 'ga', format: 'ap', url: 'https://api.ap.org/v3/elections' }) // 10
 */
export function pollIntervalSeconds(source: FeedSource): number {
  const interval = source.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS[source.format];
  const floor = MIN_INTERVAL_SECONDS[source.format];
  if (interval < floor && !isLoopbackUrl(source.url)) {
    throw new Error(`intervalSeconds: ${source.format} feeds are polled at most every ${floor} s; got ${interval}`);
  }
  return interval;
}
