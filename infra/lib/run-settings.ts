import { Duration } from 'aws-cdk-lib';
import { PLANNED_RUN_TIMEOUT_SECONDS } from '../../core/pipeline/run-size.ts';

// The run function and its queue: timeout, redelivery and dead-lettering (docs/runs.md).

/** SQS redelivers a message only after its visibility timeout; AWS advises six times the function timeout. */
export const VISIBILITY_TIMEOUT_PER_FUNCTION_TIMEOUT = 6;

/**
 * Deliveries of a run message before it is dead-lettered. Only transient failures are redelivered; the run
 * function is told this number (RUN_MAX_RECEIVES), so that it records a run failed on the last delivery.
 */
export const RUN_MAX_RECEIVES = 3;

/**
 * The run function's timeout. The API caps a run's work (core/pipeline/run-size.ts) so that it ends within
 * PLANNED_RUN_TIMEOUT_SECONDS, so a shorter timeout would stop runs the API accepted.
 */
export function runTimeoutOf(runTimeout: Duration | undefined): Duration {
  const timeout = runTimeout ?? Duration.seconds(PLANNED_RUN_TIMEOUT_SECONDS);
  if (timeout.toSeconds() < PLANNED_RUN_TIMEOUT_SECONDS) {
    throw new Error(
      `runTimeout must be at least ${PLANNED_RUN_TIMEOUT_SECONDS} seconds, the time the API's cap on a run's work (MAX_RUN_WORK) is planned for; got ${timeout.toSeconds()}`,
    );
  }
  return timeout;
}
