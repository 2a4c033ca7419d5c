import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { PublishJobSchema, type PublishJob } from '../../core/pipeline/records.ts';
import { parseJson } from './run-batch.ts';

/**
 * The publish function's SQS handler: each job in, the messages to deliver again out (partial batch
 * response). A body that is not a job is logged and dropped; a job that throws is delivered again (jobs are
 * idempotent), and after the queue's last delivery it is dead-lettered: the next change requests it anew.
 */
export function makePublishJobBatchHandler(deps: {
  readonly publishJob: (job: PublishJob) => Promise<void>;
  readonly logger: Logger;
}): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const job = PublishJobSchema.safeParse(parseJson(record.body));
      if (!job.success) {
        deps.logger.error('malformed publish job; dropping it', { messageId: record.messageId, body: record.body.slice(0, 200) });
        continue;
      }
      try {
        await deps.publishJob(job.data);
      } catch (error) {
        deps.logger.error('publish job failed; it will be delivered again', { job: job.data, error: (error as Error).message });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
