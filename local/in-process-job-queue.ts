import type { PublishJob } from '../core/pipeline/records.ts';
import { publishJobGroup } from '../functions/adapters/sqs-publish-job-queue.ts';
import type { PublishJobQueue } from '../functions/ports/publish-jobs.ts';
import { KeyedChains } from './keyed-chains.ts';

/** A publish job that failed on every delivery, with what it threw last. */
export interface JobFailure {
  readonly job: PublishJob;
  readonly error: unknown;
}

/**
 * The publish queue of the local stack. Like the FIFO queue in AWS, one group's jobs (index.json, or one
 * election's summary) run one at a time and in order, other groups' concurrently; a job that throws is
 * delivered again, up to `maxReceives` deliveries, and then kept in `failures`.
 */
export class InProcessJobQueue implements PublishJobQueue {
  private readonly chains = new KeyedChains();
  readonly failures: JobFailure[] = [];

  constructor(
    private readonly publishJob: (job: PublishJob) => Promise<void>,
    private readonly options: { readonly maxReceives?: number; readonly retryDelayMs?: number } = {},
  ) {}

  async enqueue(job: PublishJob): Promise<void> {
    this.chains.add(publishJobGroup(job), () => this.handle(job));
  }

  /** Resolves when every job enqueued so far has been handled. */
  drain(): Promise<void> {
    return this.chains.drain();
  }

  private async handle(job: PublishJob): Promise<void> {
    const maxReceives = this.options.maxReceives ?? 3;
    for (let receiveCount = 1; ; receiveCount += 1) {
      try {
        return await this.publishJob(job);
      } catch (error) {
        if (receiveCount >= maxReceives) {
          this.failures.push({ job, error });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }
}
