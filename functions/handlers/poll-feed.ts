import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { IdSchema } from '../../core/schemas/index.ts';
import { MIN_INTERVAL_SECONDS, type FeedSource } from '../../feeds/poll/feed-source.ts';
import { FeedError } from '../../feeds/feed-error.ts';
import { newReleases, raceIdsOf, type KnownRace, type NewReleases } from '../../feeds/poll/new-releases.ts';
import { dueInMs, feedTiming, type PollTiming } from '../../feeds/poll/poll-timing.ts';
import { apKeyHeaders, type FeedFetcher } from '../../runtime/feed-poll/fetch-feed.ts';
import { pollOnce } from '../../runtime/feed-poll/poll-once.ts';
import { postNewReleases, type Ingest, type PostSummary } from '../../runtime/feed-poll/post-releases.ts';
import type { PollStateStore } from '../ports/poll-state-store.ts';
import type { RaceStore } from '../ports/race-store.ts';
import type { SecretReader } from '../ports/secret-reader.ts';

/** What the poller is built from: the configured feeds, ports, the feed fetcher, the ingest routes, a clock. */
export interface PollFeedDependencies {
  readonly feeds: readonly FeedSource[];
  readonly states: PollStateStore;
  readonly store: RaceStore;
  readonly ingest: Ingest;
  /** A fetcher sending `headers` with every request (httpFeedFetcher): AP's key, for a feed that has one. */
  readonly fetcherFor: (headers: Readonly<Record<string, string>>) => FeedFetcher;
  /** Where a feed's `apiKeySecret` is read; needed only when a feed names one. */
  readonly secrets?: SecretReader;
  readonly logger: Logger;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /** The feed's pacing. @default feedTiming (its interval, AP's quota wait, a 20 s request timeout) */
  readonly timing?: (source: FeedSource) => PollTiming;
}

/** The schedule's input: which feed to poll. */
export const PollFeedEventSchema = z.strictObject({ feedId: IdSchema });

export type PollFeedResult =
  | { readonly feedId: string; readonly outcome: 'not-due'; readonly dueInMs: number }
  | { readonly feedId: string; readonly outcome: 'quota' | 'retry' | 'fatal'; readonly reason: string }
  | { readonly feedId: string; readonly outcome: 'new' | 'seen' | 'no-change'; readonly posted?: PostSummary };

/**
 * The scheduled poll of one feed (EventBridge Scheduler, input `{ "feedId": … }`): loads its poll state,
 * skips a poll that would come sooner than the feed allows, polls once, posts the new releases through the
 * API's own ingest handlers (creating a race the store lacks), then saves the state. The state is saved
 * only after posting, so a failure leaves the same request to be made on the next invocation, and posting
 * what was posted before changes nothing. An AP feed's key is read from its secret first.
 * @throws Error for an event that names no configured feed, a feed whose API key cannot be read (before any
 *   request or state change), or when posting fails (5xx): Lambda logs it.
 */
export function makePollFeedHandler(deps: PollFeedDependencies): (event: unknown) => Promise<PollFeedResult> {
  return async (event) => {
    const { feedId } = PollFeedEventSchema.parse(event);
    const source = deps.feeds.find((feed) => feed.id === feedId);
    if (source === undefined) throw new Error(`feedId: no configured feed "${feedId}"; the feeds are ${deps.feeds.map((feed) => feed.id).join(', ')}`);
    const state = (await deps.states.get(feedId)) ?? {};
    const waitMs = dueInMs(MIN_INTERVAL_SECONDS[source.format] * 1000, state, deps.clock());
    if (waitMs > 0) return { feedId, outcome: 'not-due', dueInMs: waitMs };
    const fetcher = deps.fetcherFor(await feedHeaders(source, deps.secrets));
    const step = await pollOnce(source, state, (deps.timing ?? feedTiming)(source), { fetcher, clock: deps.clock });
    if (step.verdict.kind !== 'ok') {
      deps.logger[step.verdict.kind === 'fatal' ? 'error' : 'warn']('feed poll failed', { feedId, ...step.verdict });
      await deps.states.put(feedId, step.state, isoNow(deps));
      return { feedId, outcome: step.verdict.kind, reason: step.verdict.reason };
    }
    const finding = step.finding;
    let posted: PostSummary | undefined;
    if (finding?.kind === 'new') {
      const snapshots = [{ source: finding.snapshot.url ?? source.url, ...finding.snapshot }];
      let known: Map<string, KnownRace>;
      let found: NewReleases;
      try {
        known = await knownRaces(deps.store, raceIdsOf(source.format, snapshots));
        found = newReleases(source.format, snapshots, known);
      } catch (error) {
        if (!(error instanceof FeedError)) throw error;
        // A snapshot the converter refuses would refuse again: log it and move past it, or the feed sticks.
        deps.logger.error('snapshot refused', { feedId, reason: error.message, details: error.details });
        await deps.states.put(feedId, step.state, isoNow(deps));
        return { feedId, outcome: 'fatal', reason: [error.message, ...error.details].join('; ') };
      }
      posted = await postNewReleases(deps.ingest, found, known);
      deps.logger.info('feed polled', { feedId, notes: found.notes, ...posted });
    }
    await deps.states.put(feedId, step.state, isoNow(deps));
    return { feedId, outcome: finding?.kind ?? 'no-change', ...(posted === undefined ? {} : { posted }) };
  };
}

/**
 * The headers of a feed's requests: AP's key, read from the feed's secret (once per cold start, by the
 * reader), as x-api-key; none for a feed without a secret.
 * @throws Error naming the feed and the secret when the key cannot be read: nothing is polled or saved.
 */
async function feedHeaders(source: FeedSource, secrets: SecretReader | undefined): Promise<Record<string, string>> {
  if (source.apiKeySecret === undefined) return {};
  if (secrets === undefined) throw new Error(`feed "${source.id}": apiKeySecret is set, but the poller was given no secret reader`);
  try {
    return apKeyHeaders(await secrets.read(source.apiKeySecret));
  } catch (error) {
    throw new Error(`feed "${source.id}": no API key, so no poll: ${(error as Error).message}`, { cause: error });
  }
}

/** Each race as stored, with its newest release: what the new snapshot is compared with. */
async function knownRaces(store: RaceStore, raceIds: readonly string[]): Promise<Map<string, KnownRace>> {
  const known = new Map<string, KnownRace>();
  for (const raceId of raceIds) {
    const stored = await store.getRace(raceId);
    if (stored === undefined) continue;
    const latest = stored.releaseCount > 0 ? await store.getRelease(raceId, stored.releaseCount - 1) : undefined;
    known.set(raceId, { race: stored.race, ...(latest === undefined ? {} : { latest }) });
  }
  return known;
}

const isoNow = (deps: PollFeedDependencies) => new Date(deps.clock()).toISOString();
