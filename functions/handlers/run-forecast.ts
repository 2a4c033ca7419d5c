import type { RunRecord, RunRequestMessage } from '../../core/pipeline/records.ts';
import { timedOutReason } from '../../core/pipeline/stale-run.ts';
import type { RunDependencies } from './dependencies.ts';
import { computeAndPublish } from './publish-forecast.ts';

/** One delivery of a run's message by the queue. */
export interface RunDelivery {
  /** 1 for the first delivery (SQS's ApproximateReceiveCount). */
  readonly receiveCount: number;
  /** Deliveries the queue makes before it dead-letters the message (its maxReceiveCount). */
  readonly maxReceives: number;
  /** When this attempt must be done, as an ISO time: now plus the time the function has left. */
  readonly deadline: string;
}

/**
 * What became of a delivery. The queue acknowledges every outcome but the two in RETRIED_OUTCOMES.
 * - published, superseded: the forecast is out (superseded: a newer release's run holds latest.json);
 * - already done: a redelivery of a run that had ended (published, superseded, failed or timed-out);
 * - unknown run: no such run, so nothing can be done;
 * - failed: the run cannot succeed (bad input, a bug): recorded as failed with its reason;
 * - timed out: an earlier delivery was still running at its deadline, so the function was stopped by its
 *   timeout and would be again: recorded as timed-out;
 * - retry: a transient failure (throttling, network, 5xx), or the run is still running elsewhere; the run
 *   is back to queued with its retryError;
 * - gave up: a transient failure on the queue's last delivery: recorded as failed.
 */
export type RunOutcome = 'published' | 'superseded' | 'already done' | 'unknown run' | 'failed' | 'timed out' | 'retry' | 'gave up';

/** The outcomes whose message goes back to the queue (a batch item failure): exactly the transient ones. */
export const RETRIED_OUTCOMES: ReadonlySet<RunOutcome> = new Set<RunOutcome>(['retry', 'gave up']);

const ENDED: ReadonlySet<RunRecord['status']> = new Set<RunRecord['status']>(['published', 'superseded', 'failed', 'timed-out']);

/**
 * Runs one delivery of a queued forecast (see computeAndPublish for the steps). A failure that cannot go
 * away on retry is recorded as failed and acknowledged, so it never holds up the race's queue; only
 * transient failures are retried. Throws only when even recording the outcome failed (the store is out of
 * reach), which the queue treats as transient.
 */
export function makeRunForecastHandler(deps: RunDependencies): (message: RunRequestMessage, delivery: RunDelivery) => Promise<RunOutcome> {
  return async ({ raceId, runId }, delivery) => {
    const run = await deps.store.startRun(raceId, runId, { startedAt: deps.now(), deadline: delivery.deadline, attempt: delivery.receiveCount });
    if (run === undefined) return notStarted(deps, raceId, runId);
    try {
      return await computeAndPublish(deps, run);
    } catch (error) {
      return recordFailure(deps, run, delivery, error);
    }
  };
}

/** A delivery of a run that was not queued: unknown, ended, or still running (see endOverdue). */
async function notStarted(deps: RunDependencies, raceId: string, runId: string): Promise<RunOutcome> {
  const run = await deps.store.getRun(raceId, runId);
  if (run === undefined) {
    deps.logger.error('run not found; dropping the message', { raceId, runId });
    return 'unknown run';
  }
  if (ENDED.has(run.status)) return 'already done';
  if (run.status === 'running') return endOverdue(deps, run);
  // Queued again since the start was refused: another delivery recorded a retry meanwhile.
  return 'retry';
}

/**
 * A delivery of a run that is still `running`. Past its deadline, the delivery that ran it was stopped by
 * the function's timeout (SQS redelivers only after its visibility timeout, six times the function's), and
 * the same work would be stopped again. Before it, another delivery may still be at work: retry later.
 */
async function endOverdue(deps: RunDependencies, run: RunRecord): Promise<RunOutcome> {
  const now = deps.now();
  if (run.deadline !== undefined && !(Date.parse(now) > Date.parse(run.deadline))) return 'retry';
  const error = `${timedOutReason(run.deadline)}; it was not run again`;
  deps.logger.error('run timed out', { raceId: run.raceId, runId: run.runId, deadline: run.deadline });
  await deps.store.updateRun(run.raceId, run.runId, 'timed-out', { finishedAt: now, error });
  return 'timed out';
}

/** Records a failed attempt: back to queued if it may succeed later, else failed for good. */
async function recordFailure(deps: RunDependencies, run: RunRecord, delivery: RunDelivery, error: unknown): Promise<RunOutcome> {
  const { raceId, runId } = run;
  const message = describeError(error);
  const transient = deps.isTransient(error);
  const lastDelivery = delivery.receiveCount >= delivery.maxReceives;
  deps.logger.error('run failed', { raceId, runId, transient, receiveCount: delivery.receiveCount, error: message });
  if (!transient) {
    await deps.store.updateRun(raceId, runId, 'failed', { finishedAt: deps.now(), error: message });
    return 'failed';
  }
  const attempts = `delivery ${delivery.receiveCount} of ${delivery.maxReceives}`;
  if (lastDelivery) {
    await deps.store.updateRun(raceId, runId, 'failed', { finishedAt: deps.now(), error: `transient failure on the last ${attempts}: ${message}` });
    return 'gave up';
  }
  await deps.store.updateRun(raceId, runId, 'queued', { retryError: `${attempts} failed and will be retried: ${message}` });
  return 'retry';
}

/** An error's message, with the HTTP status of a failed call when there was one (a HEAD's 503 has no body to name it). */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? `${message} (HTTP ${status})` : message;
}
