import { Duration, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { BallotcastFunction } from './ballotcast-function.ts';
import { VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT } from './run-settings.ts';

/** The publish function's timeout: a summary job of 1,000 races reads 1,000 outcome documents. */
export const PUBLISH_TIMEOUT = Duration.seconds(60);

/** Deliveries of a publish job before it is dead-lettered; the next change of its races requests it again. */
export const PUBLISH_MAX_RECEIVES = 3;

/** A FIFO queue of encrypted messages, SSL only, that dead-letters a message after `maxReceiveCount` deliveries. */
export function createFifoQueues(
  scope: Construct,
  name: string,
  options: { readonly visibilityTimeout: Duration; readonly retentionPeriod: Duration; readonly maxReceiveCount: number },
): [queue: Queue, deadLetterQueue: Queue] {
  const secure = { fifo: true, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
  const deadLetterQueue = new Queue(scope, `${name}DeadLetterQueue`, { ...secure, retentionPeriod: Duration.days(14) });
  const queue = new Queue(scope, `${name}Queue`, {
    ...secure,
    // The senders set MessageGroupId and MessageDeduplicationId themselves.
    contentBasedDeduplication: false,
    visibilityTimeout: options.visibilityTimeout,
    retentionPeriod: options.retentionPeriod,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: options.maxReceiveCount },
  });
  return [queue, deadLetterQueue];
}

/**
 * The FIFO queue of the coalesced publish jobs (index.json, each election's summary.json; docs/storage.md)
 * and its dead-letter queue. One message group per job, so two jobs of one kind never run at once; the
 * sender sets a fresh MessageDeduplicationId, since coalescing is decided in DynamoDB before the send.
 */
export function createPublishQueues(scope: Construct): [queue: Queue, deadLetterQueue: Queue] {
  return createFifoQueues(scope, 'Publish', {
    visibilityTimeout: Duration.seconds(PUBLISH_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT),
    retentionPeriod: Duration.days(1),
    maxReceiveCount: PUBLISH_MAX_RECEIVES,
  });
}

/**
 * The coalesced publish jobs' grants: put-race and run-forecast request them (send to the publish queue),
 * and publish-job consumes it, reads outcome documents and writes index.json, the schema and summary.json.
 * `wildcardFinding` names the cdk-nag finding of a wildcard resource, each acknowledged with its reason.
 */
export function grantPublishJobs(
  parts: { readonly bucket: Bucket; readonly publishQueue: Queue; readonly putRace: BallotcastFunction; readonly runForecast: BallotcastFunction; readonly publishJob: BallotcastFunction; readonly pollFeed: BallotcastFunction },
  wildcardFinding: (resource: string) => string,
): void {
  const { bucket, publishQueue, putRace, runForecast, publishJob, pollFeed } = parts;
  publishQueue.grants.sendMessages(putRace);
  publishQueue.grants.sendMessages(runForecast);
  // The poller calls the put-race handler, which requests index.json jobs.
  publishQueue.grants.sendMessages(pollFeed);
  bucket.grants.actionsOnObjectKeys(publishJob, 'elections/*', 's3:GetObject');
  for (const key of ['index.json', 'schema/*', 'elections/*/summary.json']) bucket.grants.actionsOnObjectKeys(publishJob, key, 's3:PutObject');
  publishJob.addEventSource(new SqsEventSource(publishQueue, { batchSize: 1, reportBatchItemFailures: true }));
  for (const key of ['elections/*', 'schema/*', 'elections/*/summary.json']) {
    Validations.of(publishJob.executionRole).acknowledge({
      id: wildcardFinding(bucket.arnForObjects(key)),
      reason:
        'The publish job reads the outcome documents of an election (elections/{electionId}/...) and writes ' +
        'index.json, the schema and elections/{electionId}/summary.json, whose ids are known only at run time.',
    });
  }
}
