import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { RunRequestMessageSchema, type RunRequestMessage } from '../../core/pipeline/records.ts';
import { RETRIED_OUTCOMES, type RunDelivery, type RunOutcome } from './run-forecast.ts';

export interface RunBatchDependencies {
  readonly runForecast: (message: RunRequestMessage, delivery: RunDelivery) => Promise<RunOutcome>;
  readonly logger: Logger;
  /** The current time in milliseconds since the epoch. */
  readonly nowMs: () => number;
  /** The run queue's maxReceiveCount: deliveries before a message is dead-lettered. */
  readonly maxReceives: number;
}

/**
 * The run function's SQS handler: one FIFO batch in, the messages to deliver again out (partial batch
 * response). Only transient failures go back to the queue:
 * - a body that is not JSON or not a run message can never be handled: logged and acknowledged;
 * - a run that failed for good, timed out, was unknown or had already ended is acknowledged;
 * - a transient failure, or a throw (the store was out of reach), is returned as a batch item failure, and
 *   so is every later message of the same group in the batch, unhandled, so that a race's runs keep their
 *   order (other races' messages are still handled).
 * `remainingMs` is what the invocation has left (context.getRemainingTimeInMillis()): each run's deadline.
 */
export function makeRunBatchHandler(deps: RunBatchDependencies): (event: SQSEvent, remainingMs: number) => Promise<SQSBatchResponse> {
  return async (event, remainingMs) => {
    const deadline = new Date(deps.nowMs() + remainingMs).toISOString();
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const heldGroups = new Set<string>();
    for (const record of event.Records) {
      const group = record.attributes.MessageGroupId ?? '';
      if (heldGroups.has(group)) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const message = RunRequestMessageSchema.safeParse(parseJson(record.body));
      if (!message.success) {
        deps.logger.error('malformed run message; dropping it', { messageId: record.messageId, body: record.body.slice(0, 200) });
        continue;
      }
      const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
      const retried = await deliver(deps, message.data, { receiveCount, maxReceives: deps.maxReceives, deadline });
      if (retried) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        heldGroups.add(group);
      }
    }
    return { batchItemFailures };
  };
}

/** Whether the message must be delivered again. */
async function deliver(deps: RunBatchDependencies, message: RunRequestMessage, delivery: RunDelivery): Promise<boolean> {
  try {
    const outcome = await deps.runForecast(message, delivery);
    deps.logger.info('run message handled', { ...message, outcome, receiveCount: delivery.receiveCount });
    return RETRIED_OUTCOMES.has(outcome);
  } catch (error) {
    deps.logger.error('run message failed before its outcome could be recorded; it will be delivered again', { ...message, error: (error as Error).message });
    return true;
  }
}

/** The JSON value of a message body, or undefined if it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
