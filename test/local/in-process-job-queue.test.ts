import { describe, expect, it } from 'vitest';
import type { PublishJob } from '../../core/pipeline/records.ts';
import { InProcessJobQueue } from '../../local/in-process-job-queue.ts';

const summary = (electionId: string): PublishJob => ({ kind: 'summary', electionId });

describe('the local publish queue', () => {
  it('runs one group’s jobs one at a time and in order, other groups beside them', async () => {
    const log: string[] = [];
    let running = 0;
    let overlapped = false;
    const queue = new InProcessJobQueue(async (job) => {
      const name = job.kind === 'index' ? 'index' : job.electionId;
      overlapped ||= running > 0 && name === 'a';
      if (name === 'a') running++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (name === 'a') running--;
      log.push(name);
    });

    await Promise.all([queue.enqueue(summary('a')), queue.enqueue(summary('a')), queue.enqueue({ kind: 'index' })]);
    await queue.drain();

    expect(overlapped).toBe(false);
    expect(log.filter((name) => name === 'a')).toHaveLength(2);
    expect(log).toContain('index');
  });

  it('delivers a failing job again, then keeps it in failures', async () => {
    let deliveries = 0;
    const queue = new InProcessJobQueue(
      async () => {
        deliveries++;
        throw new Error('S3 is down');
      },
      { maxReceives: 3, retryDelayMs: 1 },
    );

    await queue.enqueue(summary('a'));
    await queue.drain();

    expect(deliveries).toBe(3);
    expect(queue.failures).toEqual([{ job: summary('a'), error: new Error('S3 is down') }]);
  });
});
