import type { RunRecord } from './records.ts';

/**
 * A run as a reader should see it at `now` (ISO times). A run still `running` after its deadline is stale:
 * its function was stopped (by its timeout, most likely) and nothing will move the run on, so it is
 * reported `timed-out`, with why. Any other run is returned as it is.
 * @example staleRunAsOf({ ...run, status: 'running', deadline: '2024-11-05T20:01:00Z' }, '2024-11-05T20:02:00Z').status // 'timed-out'
 */
export function staleRunAsOf(run: RunRecord, now: string): RunRecord {
  if (run.status !== 'running' || run.deadline === undefined || !(Date.parse(now) > Date.parse(run.deadline))) return run;
  return { ...run, status: 'timed-out', error: timedOutReason(run.deadline) };
}

/** Why a run timed out, for its `error`. */
export function timedOutReason(deadline: string | undefined): string {
  return `still running at its deadline (${deadline ?? 'none recorded'}): its function was stopped, most likely by its timeout`;
}
