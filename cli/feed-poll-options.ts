import * as z from 'zod';
import { formatIssues } from '../core/schemas/index.ts';
import { FeedError } from '../feeds/feed-error.ts';
import { FeedSourceSchema, POLL_FORMATS, type FeedSource } from '../feeds/poll/feed-source.ts';
import { feedTiming, type PollTiming } from '../feeds/poll/poll-timing.ts';
import type { RecordedSnapshot } from '../feeds/recorded-snapshot.ts';
import { feedHeadersFromEnvironment, httpFeedFetcher } from '../runtime/feed-poll/fetch-feed.ts';
import { FeedRefusedError, runPollLoop, type StopReason } from '../runtime/feed-poll/poll-loop.ts';
import { printable } from './format/printable.ts';
import type { Output } from './output.ts';
import { UsageError } from './usage-error.ts';

/** The options `watch` and `record` share: the feed and how to pace and stop polling it. */
export const POLL_FLAGS = {
  every: { type: 'string' },
  timeout: { type: 'string' },
  report: { type: 'string' },
  'max-polls': { type: 'string' },
  until: { type: 'string' },
} as const;

export const POLL_OPTIONS_HELP = `  --every S        seconds between polls (default: ap 10, clarity 60; at least ap 5, clarity 30,
                   except for a feed on loopback, such as a local replay)
  --timeout S      seconds to wait for an answer before trying again (default 20)
  --report PATH    clarity: the report under each version folder (default reports/detailxml.zip;
                   json/en/summary.json for race totals only)
  --max-polls N    stop after N polls (each try counts)
  --until T        stop at time T (ISO 8601 with an offset)
Stops on Ctrl-C. A quota refusal (AP's 403 "Per-minute Quota Exceeded", or 429) waits as Retry-After
says, else 10 s; a timeout or a 5xx is tried again after one interval. AP_API_KEY, when set, is sent as
x-api-key.`;

/** How a polling command was asked to run. */
export interface PollCommandOptions {
  readonly source: FeedSource;
  readonly timing: PollTiming;
  readonly maxPolls?: number;
  readonly untilMs?: number;
}

type PollValues = { readonly [Name in keyof typeof POLL_FLAGS]?: string };

const Seconds = z.coerce.number({ error: 'expected a number of seconds' }).positive({ error: 'expected a number of seconds above 0' });
const Count = z.coerce.number({ error: 'expected a whole number >= 1' }).int({ error: 'expected a whole number >= 1' }).min(1, { error: 'expected a whole number >= 1' });
const Instant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with an offset, e.g. 2024-11-06T08:00:00Z' });

/**
 * The feed (FORMAT URL) and polling options of `watch` or `record`.
 * @throws UsageError naming the argument or option that is wrong.
 */
export function pollCommandOptions(command: string, positionals: readonly string[], values: PollValues, help: string): PollCommandOptions {
  const [format, url, ...extra] = positionals;
  if (format === undefined || !(POLL_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(format === undefined ? `${command} needs a feed format: ap or clarity` : `${command}: unknown feed format "${format}": expected ap or clarity`, [help]);
  }
  if (url === undefined) throw new UsageError(`${command} needs the feed's URL after the format`, [help]);
  if (extra.length > 0) throw new UsageError(`${command} takes one feed; unexpected ${JSON.stringify(extra[0])}`, [help]);
  if (values.report !== undefined && format !== 'clarity') throw new UsageError('--report applies to clarity feeds only', [help]);
  const parsed = FeedSourceSchema.safeParse({
    id: 'command-line',
    format,
    url,
    ...(values.report === undefined ? {} : { report: values.report }),
    ...(values.every === undefined ? {} : { intervalSeconds: option('--every', Seconds, values.every) }),
  });
  if (!parsed.success) throw new UsageError(`${command}: bad feed`, formatIssues(parsed.error).map(flagName));
  let timing: PollTiming;
  try {
    timing = feedTiming(parsed.data);
  } catch (error) {
    throw new UsageError(`--every: ${(error as Error).message.replace(/^intervalSeconds: /, '')}`);
  }
  if (values.timeout !== undefined) timing = { ...timing, requestTimeoutMs: option('--timeout', Seconds, values.timeout) * 1000 };
  return {
    source: parsed.data,
    timing,
    ...(values['max-polls'] === undefined ? {} : { maxPolls: option('--max-polls', Count, values['max-polls']) }),
    ...(values.until === undefined ? {} : { untilMs: Date.parse(option('--until', Instant, values.until)) }),
  };
}

function option<T>(flag: string, schema: z.ZodType<T>, text: string): T {
  const parsed = schema.safeParse(text);
  if (!parsed.success) throw new UsageError(`${flag} ${text}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** "url: expected an http(s) URL" → "URL: expected an http(s) URL", in the words of the command line. */
function flagName(issue: string): string {
  return issue.replace(/^url:/, 'URL:').replace(/^report:/, '--report:');
}

/**
 * Polls the feed over HTTP (AP_API_KEY as x-api-key) until Ctrl-C, --max-polls or --until, printing waits
 * and retries as notes on stderr, and returns why it stopped ("stopped after 9 polls (--max-polls)").
 * @throws UsageError when the feed refuses us or serves what the converter cannot read.
 */
export async function pollFromCommandLine(
  options: PollCommandOptions,
  output: Output,
  onSnapshot: (snapshot: RecordedSnapshot, kind: 'new' | 'seen') => Promise<void>,
): Promise<string> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const result = await runPollLoop({
      ...options,
      fetcher: httpFeedFetcher(feedHeadersFromEnvironment(process.env)),
      signal: controller.signal,
      onNotice: (message) => output.stderr.write(`note: ${printable(message)}\n`),
      onSnapshot,
    });
    return stopMessage(result);
  } catch (error) {
    throw asUsageError(error);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** "stopped after 5 polls (--max-polls)" */
function stopMessage(result: { polls: number; stoppedBy: StopReason }): string {
  const why = { signal: 'Ctrl-C', 'max-polls': '--max-polls', until: '--until' }[result.stoppedBy];
  return `stopped after ${result.polls} poll${result.polls === 1 ? '' : 's'} (${why})`;
}

/** A feed that refuses us (401, 404) or serves what the converter cannot read is bad input: exit 2. */
function asUsageError(error: unknown): unknown {
  if (error instanceof FeedError) return new UsageError(error.message, error.details);
  if (error instanceof FeedRefusedError) return new UsageError(error.message);
  return error;
}
