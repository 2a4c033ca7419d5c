import type { RunRecord } from '../../core/pipeline/records.ts';
import type { ApiDependencies } from './dependencies.ts';

/** Records a queued run and puts it on the run queue. */
export async function queueRun(
  deps: ApiDependencies,
  raceId: string,
  releaseSeq: number,
  options: { trigger: RunRecord['trigger']; draws: number; seed?: string },
): Promise<RunRecord> {
  const run: RunRecord = {
    raceId,
    runId: deps.newRunId(releaseSeq),
    releaseSeq,
    draws: options.draws,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    status: 'queued',
    trigger: options.trigger,
    requestedAt: deps.now(),
  };
  await deps.store.createRun(run);
  await deps.queue.enqueue({ raceId, runId: run.runId });
  deps.logger.info('run queued', { raceId, runId: run.runId, releaseSeq, trigger: options.trigger });
  return run;
}

/** Where a client can follow a run. */
export function runLinks(raceId: string, runId: string) {
  return { status: `/races/${raceId}/runs/${runId}` };
}
