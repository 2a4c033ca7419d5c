import type { RunRequestMessage } from '../../core/pipeline/records.ts';

/**
 * Where run requests wait for the run handler: an SQS FIFO queue in AWS (one message group per race, so
 * runs of a race never overlap there), an in-process queue locally.
 */
export interface RunQueue {
  enqueue(message: RunRequestMessage): Promise<void>;
}
