/**
 * Tasks chained per key: one key's tasks run one at a time and in order, different keys' concurrently, as
 * the message groups of an SQS FIFO queue are handled. `drain` waits for every task chained so far.
 */
export class KeyedChains {
  private readonly chains = new Map<string, Promise<void>>();

  /** Chains `task` after the key's earlier tasks. The task must not reject (it records its own failures). */
  add(key: string, task: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    this.chains.set(key, previous.then(task));
  }

  /** Resolves when every task chained so far, and every task they chained meanwhile, has ended. */
  async drain(): Promise<void> {
    let pending = [...this.chains.values()];
    while (pending.length > 0) {
      await Promise.all(pending);
      const now = [...this.chains.values()];
      pending = now.filter((chain) => !pending.includes(chain));
    }
  }
}
