import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { PublishJob } from '../../core/pipeline/records.ts';
import type { PublishJobQueue } from '../ports/publish-jobs.ts';

/** The message group of a job: one for index.json, one per election, so jobs of one group never overlap. */
export function publishJobGroup(job: PublishJob): string {
  return job.kind === 'index' ? 'index' : `summary-${job.electionId}`;
}

/**
 * The publish queue on SQS FIFO. Coalescing happens before a send (PublishJobStore.requestJob); the
 * deduplication id is fresh per send, and the SDK's own retries of that send reuse it.
 */
export class SqsPublishJobQueue implements PublishJobQueue {
  constructor(private readonly options: { readonly client: SQSClient; readonly queueUrl: string }) {}

  async enqueue(job: PublishJob): Promise<void> {
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: JSON.stringify(job),
        MessageGroupId: publishJobGroup(job),
        MessageDeduplicationId: randomUUID(),
      }),
    );
  }
}
