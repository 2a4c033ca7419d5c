import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT } from './run-settings.ts';

/** The publish function's timeout: a summary job of 1,000 races reads 1,000 outcome documents. */
export const PUBLISH_TIMEOUT = Duration.seconds(60);

/** Deliveries of a publish job before it is dead-lettered; the next change of its races requests it again. */
export const PUBLISH_MAX_RECEIVES = 3;

/**
 * The FIFO queue of the coalesced publish jobs (index.json, each election's summary.json; docs/storage.md)
 * and its dead-letter queue. One message group per job, so two jobs of one kind never run at once; the
 * sender sets a fresh MessageDeduplicationId, since coalescing is decided in DynamoDB before the send.
 */
export function createPublishQueues(scope: Construct): [queue: Queue, deadLetterQueue: Queue] {
  const deadLetterQueue = new Queue(scope, 'PublishDeadLetterQueue', {
    fifo: true,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new Queue(scope, 'PublishQueue', {
    fifo: true,
    contentBasedDeduplication: false,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(PUBLISH_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT),
    retentionPeriod: Duration.days(1),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: PUBLISH_MAX_RECEIVES },
  });
  return [queue, deadLetterQueue];
}
