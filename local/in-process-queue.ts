import type { RunRequestMessage } from '../core/pipeline/records.ts';
import type { RunQueue } from '../functions/ports/run-queue.ts';

/**
 * The run queue of the local stack. Like the FIFO queue in AWS, it runs one race's messages one at a time
 * and in order; different races run concurrently. Failures are logged by the handler and kept here, so a
 * failing race never stops the others.
 */
export class InProcessRunQueue implements RunQueue {
  private readonly chains = new Map<string, Promise<void>>();
  readonly failures: { message: RunRequestMessage; error: unknown }[] = [];

  constructor(private readonly consume: (message: RunRequestMessage) => Promise<unknown>) {}

  async enqueue(message: RunRequestMessage): Promise<void> {
    const previous = this.chains.get(message.raceId) ?? Promise.resolve();
    const next = previous.then(() =>
      this.consume(message).then(
        () => undefined,
        (error: unknown) => {
          this.failures.push({ message, error });
        },
      ),
    );
    this.chains.set(message.raceId, next);
  }

  /** Resolves when every message enqueued so far has been handled. */
  async drain(): Promise<void> {
    let pending = [...this.chains.values()];
    while (pending.length > 0) {
      await Promise.all(pending);
      const now = [...this.chains.values()];
      pending = now.filter((chain) => !pending.includes(chain));
    }
  }
}
