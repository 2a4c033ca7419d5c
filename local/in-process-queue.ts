import type { RunRequestMessage } from '../core/pipeline/records.ts';
import { RETRIED_OUTCOMES, type RunDelivery, type RunOutcome } from '../functions/handlers/run-forecast.ts';
import type { RunQueue } from '../functions/ports/run-queue.ts';
import { KeyedChains } from './keyed-chains.ts';

export interface InProcessRunQueueOptions {
  /** Deliveries of a message that keeps failing transiently, as the SQS queue's maxReceiveCount. Default 3. */
  readonly maxReceives?: number;
  /** How long one delivery may take, as the run function's timeout. Default 60 000 ms. */
  readonly timeoutMs?: number;
  /** The wait before a message that failed transiently is delivered again. Default 1 000 ms. */
  readonly retryDelayMs?: number;
  /** A queue the runs feed (the publish jobs), which `drain` also waits for once the runs are done. */
  readonly downstream?: { drain(): Promise<void> };
}

/** A delivery that did not end well: its outcome, or what it threw. */
export interface QueueFailure {
  readonly message: RunRequestMessage;
  readonly outcome?: RunOutcome | 'stopped at its deadline';
  readonly error?: unknown;
}

const GOOD_OUTCOMES: ReadonlySet<RunOutcome> = new Set<RunOutcome>(['published', 'superseded', 'already done']);

/**
 * The run queue of the local stack. Like the FIFO queue in AWS, it runs one race's messages one at a time
 * and in order, while different races run concurrently; it delivers a message again after a transient
 * failure, up to `maxReceives` deliveries. A delivery that has not ended by its deadline is left behind, as
 * Lambda's timeout would stop it, so it never holds up the race's later runs; its run stays `running` past
 * its deadline, which get-run reports as timed-out. What did not end well is kept in `failures`.
 */
export class InProcessRunQueue implements RunQueue {
  private readonly chains = new KeyedChains();
  readonly failures: QueueFailure[] = [];
  private readonly maxReceives: number;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly consume: (message: RunRequestMessage, delivery: RunDelivery) => Promise<RunOutcome>,
    private readonly options: InProcessRunQueueOptions = {},
  ) {
    this.maxReceives = options.maxReceives ?? 3;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
  }

  async enqueue(message: RunRequestMessage): Promise<void> {
    this.chains.add(message.raceId, () => this.handle(message));
  }

  /** Resolves when every message enqueued so far has been handled, and then the downstream queue's jobs. */
  async drain(): Promise<void> {
    await this.chains.drain();
    await this.options.downstream?.drain();
  }

  private async handle(message: RunRequestMessage): Promise<void> {
    for (let receiveCount = 1; ; receiveCount += 1) {
      const deadline = new Date(Date.now() + this.timeoutMs).toISOString();
      const result = await this.deliverOnce(message, { receiveCount, maxReceives: this.maxReceives, deadline });
      const retried = 'error' in result || RETRIED_OUTCOMES.has(result.outcome as RunOutcome);
      if (retried && receiveCount < this.maxReceives) {
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
        continue;
      }
      if ('error' in result || !GOOD_OUTCOMES.has(result.outcome as RunOutcome)) this.failures.push({ message, ...result });
      return;
    }
  }

  /** One delivery: its outcome, what it threw, or 'stopped at its deadline' if it took longer than allowed. */
  private async deliverOnce(message: RunRequestMessage, delivery: RunDelivery): Promise<{ outcome: QueueFailure['outcome'] } | { error: unknown }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ outcome: 'stopped at its deadline' }>((resolve) => {
      timer = setTimeout(() => resolve({ outcome: 'stopped at its deadline' }), this.timeoutMs);
    });
    const delivered = this.consume(message, delivery).then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
    try {
      return await Promise.race([delivered, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
