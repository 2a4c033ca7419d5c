import type { PollState } from '../../feeds/poll/poll-state.ts';

/** Where the poller keeps each feed's poll state between invocations (DynamoDB in AWS; docs/storage.md). */
export interface PollStateStore {
  /** The feed's state, or undefined before its first poll. */
  get(feedId: string): Promise<PollState | undefined>;
  /** Replaces the feed's state. */
  put(feedId: string, state: PollState, now: string): Promise<void>;
}
