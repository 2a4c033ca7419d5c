import { describe, expect, it } from 'vitest';
import type { RunDelivery, RunOutcome } from '../../functions/handlers/run-forecast.ts';
import { InProcessRunQueue } from '../../local/in-process-queue.ts';

type Consume = (message: { raceId: string; runId: string }, delivery: RunDelivery) => Promise<RunOutcome>;

/** A queue whose deliveries are recorded as `runId#receiveCount`, answering what `answer` says. */
function recordingQueue(answer: Consume, options = {}) {
  const deliveries: string[] = [];
  const queue = new InProcessRunQueue(
    (message, delivery) => {
      deliveries.push(`${message.runId}#${delivery.receiveCount}`);
      return answer(message, delivery);
    },
    { retryDelayMs: 1, ...options },
  );
  return { queue, deliveries };
}

describe('the local run queue', () => {
  it('runs a race’s messages one at a time, in order', async () => {
    const running = new Set<string>();
    let overlapped = false;
    const { queue, deliveries } = recordingQueue(async (message) => {
      overlapped ||= running.has(message.raceId);
      running.add(message.raceId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running.delete(message.raceId);
      return 'published';
    });
    for (const runId of ['a1', 'a2', 'a3']) await queue.enqueue({ raceId: 'a', runId });
    await queue.drain();
    expect(deliveries).toEqual(['a1#1', 'a2#1', 'a3#1']);
    expect(overlapped).toBe(false);
    expect(queue.failures).toEqual([]);
  });

  it('delivers a transient failure again, up to maxReceives, and keeps the race’s order meanwhile', async () => {
    const { queue, deliveries } = recordingQueue(async (message, delivery) => (message.runId === 'flaky' && delivery.receiveCount < 3 ? 'retry' : 'published'));
    await queue.enqueue({ raceId: 'b', runId: 'flaky' });
    await queue.enqueue({ raceId: 'b', runId: 'after' });
    await queue.drain();
    expect(deliveries).toEqual(['flaky#1', 'flaky#2', 'flaky#3', 'after#1']);
    expect(queue.failures).toEqual([]);
  });

  it('gives up after maxReceives deliveries, and counts a throw as transient', async () => {
    const { queue, deliveries } = recordingQueue(async () => {
      throw new Error('store out of reach');
    }, { maxReceives: 2 });
    await queue.enqueue({ raceId: 'c', runId: 'down' });
    await queue.drain();
    expect(deliveries).toEqual(['down#1', 'down#2']);
    expect(queue.failures).toEqual([{ message: { raceId: 'c', runId: 'down' }, error: new Error('store out of reach') }]);
  });

  it('does not deliver again a run that failed for good, and reports it', async () => {
    const { queue, deliveries } = recordingQueue(async (message) => (message.runId === 'bad' ? 'failed' : 'published'));
    await queue.enqueue({ raceId: 'd', runId: 'bad' });
    await queue.enqueue({ raceId: 'd', runId: 'good' });
    await queue.drain();
    expect(deliveries).toEqual(['bad#1', 'good#1']);
    expect(queue.failures).toEqual([{ message: { raceId: 'd', runId: 'bad' }, outcome: 'failed' }]);
  });

  it('leaves a delivery behind at its deadline, so the race’s next run is not held up', async () => {
    const { queue, deliveries } = recordingQueue((message) => (message.runId === 'hung' ? new Promise<RunOutcome>(() => undefined) : Promise.resolve('published')), {
      timeoutMs: 50,
    });
    const before = Date.now();
    await queue.enqueue({ raceId: 'e', runId: 'hung' });
    await queue.enqueue({ raceId: 'e', runId: 'next' });
    await queue.drain();
    expect(deliveries).toEqual(['hung#1', 'next#1']);
    expect(queue.failures).toEqual([{ message: { raceId: 'e', runId: 'hung' }, outcome: 'stopped at its deadline' }]);
    expect(Date.now() - before).toBeLessThan(5_000);
  });

  it('gives each delivery a deadline timeoutMs ahead', async () => {
    let deadline = '';
    const { queue } = recordingQueue(async (_, delivery) => {
      deadline = delivery.deadline;
      return 'published';
    }, { timeoutMs: 30_000 });
    const before = Date.now();
    await queue.enqueue({ raceId: 'f', runId: 'timed' });
    await queue.drain();
    expect(Date.parse(deadline) - before).toBeGreaterThanOrEqual(30_000);
    expect(Date.parse(deadline) - Date.now()).toBeLessThanOrEqual(30_000);
  });
});
