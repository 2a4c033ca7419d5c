import type { Logger } from '@aws-lambda-powertools/logger';
import type { ForecastPublisher } from '../ports/forecast-publisher.ts';
import type { PublishJobQueue, PublishJobStore } from '../ports/publish-jobs.ts';
import type { RaceStore } from '../ports/race-store.ts';
import type { RunQueue } from '../ports/run-queue.ts';

/** What requests a coalesced publish job (index.json, an election's summary.json). */
export interface JobRequestDependencies {
  readonly jobs: PublishJobStore;
  readonly jobQueue: PublishJobQueue;
  readonly now: () => string;
}

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
  /**
   * Draws of a release's own run (fewer if they do not fit the cap on a run's work): also the night's draw
   * count, which every race of an election must share (docs/runs.md, "Runs of an election").
   */
  readonly releaseDraws: number;
  /** Base URL where published objects are read (CloudFront in AWS, the local S3 bucket locally). */
  readonly publicBaseUrl: string;
}

/** What the run handler is built from. */
export interface RunDependencies extends JobRequestDependencies {
  readonly store: RaceStore;
  readonly publisher: ForecastPublisher;
  readonly logger: Logger;
  readonly now: () => string;
  /** Whether a failure may go away on retry (throttling, network, 5xx); anything else fails the run for good. */
  readonly isTransient: (error: unknown) => boolean;
}

/** What the publish-job handler is built from. */
export interface PublishJobDependencies {
  readonly jobs: PublishJobStore;
  readonly publisher: ForecastPublisher;
  readonly logger: Logger;
}
