import type { Duration, StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DEFAULT_DRAWS } from '../../core/pipeline/run-size.ts';
import type { FeedSource } from '../../feeds/poll/feed-source.ts';
import { checkedFeeds } from './feed-poller.ts';
import { runTimeoutOf } from './run-settings.ts';

export interface BallotcastStackProps extends StackProps {
  /** Deployment stage, e.g. 'dev' or 'prod': lower-case letters, digits and dashes. Used in tags and descriptions only. */
  readonly stage: string;
  /** Retention of the functions' logs and the API access logs. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Where the dead-letter alarm is mailed. @default - the alarm has no action; watch it in CloudWatch */
  readonly alarmEmail?: string;
  /** DynamoDB deletion protection. @default true */
  readonly deletionProtection?: boolean;
  /** The largest request body the API handlers accept (MAX_BODY_BYTES). @default 1 MiB */
  readonly maxBodyBytes?: number;
  /**
   * Timeout of the run handler; the run queue's visibility timeout is six times it. At least 60 seconds,
   * what the cap on a run's work is planned for (docs/runs.md). @default 60 seconds
   */
  readonly runTimeout?: Duration;
  /** Steady-state request rate of the HTTP API, per second. @default 50 (burst twice that) */
  readonly apiRateLimit?: number;
  /** The results feeds the poller follows, one schedule each (docs/polling-feeds.md). @default none */
  readonly feeds?: readonly FeedSource[];
  /**
   * Draws of a release's own run (RELEASE_DRAWS), and so of every night run of an election (docs/runs.md).
   * @default 20,000
   */
  readonly releaseDraws?: number;
}

/** The stack's props with every default filled in. */
export interface StackSettings {
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly runTimeout: Duration;
  readonly maxBodyBytes: number;
  readonly apiRateLimit: number;
  readonly feeds: readonly FeedSource[];
  readonly releaseDraws: number;
}

export function resolveSettings(props: BallotcastStackProps): StackSettings {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(props.stage)) {
    throw new Error(`stage must be lower-case letters, digits and dashes, starting with a letter; got '${props.stage}'`);
  }
  return {
    stage: props.stage,
    logRetention: props.logRetention ?? RetentionDays.ONE_MONTH,
    runTimeout: runTimeoutOf(props.runTimeout),
    maxBodyBytes: props.maxBodyBytes ?? 1_048_576,
    apiRateLimit: props.apiRateLimit ?? 50,
    feeds: checkedFeeds(props.feeds ?? []),
    releaseDraws: props.releaseDraws ?? DEFAULT_DRAWS,
  };
}
