import type { Logger } from '@aws-lambda-powertools/logger';
import type { ForecastPublisher } from '../ports/forecast-publisher.ts';
import type { RaceStore } from '../ports/race-store.ts';
import type { RunQueue } from '../ports/run-queue.ts';

/** What the API handlers are built from: ports, a logger, a clock and an id source, all injectable. */
export interface ApiDependencies {
  readonly store: RaceStore;
  readonly queue: RunQueue;
  readonly logger: Logger;
  /** The current time as an ISO 8601 string. */
  readonly now: () => string;
  /** A fresh run id (letters, digits, hyphens). */
  readonly newRunId: (releaseSeq: number) => string;
  readonly maxBodyBytes: number;
  /** Base URL where published objects are read (CloudFront in AWS, the local S3 bucket locally). */
  readonly publicBaseUrl: string;
}

/** What the run handler is built from. */
export interface RunDependencies {
  readonly store: RaceStore;
  readonly publisher: ForecastPublisher;
  readonly logger: Logger;
  readonly now: () => string;
  /** Whether a failure may go away on retry (throttling, network, 5xx); anything else fails the run for good. */
  readonly isTransient: (error: unknown) => boolean;
}
