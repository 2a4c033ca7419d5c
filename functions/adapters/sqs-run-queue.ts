import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RunRequestMessage } from '../../core/pipeline/records.ts';
import type { RunQueue } from '../ports/run-queue.ts';

/**
 * The run queue on SQS FIFO: one message group per race, so a race's runs are handled one at a time and
 * in order, while different races run in parallel. The run id deduplicates retried sends.
 */
export class SqsRunQueue implements RunQueue {
  constructor(private readonly options: { readonly client: SQSClient; readonly queueUrl: string }) {}

  async enqueue(message: RunRequestMessage): Promise<void> {
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: message.raceId,
        MessageDeduplicationId: message.runId,
      }),
    );
  }
}
