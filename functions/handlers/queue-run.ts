import { nightSeed } from '../../core/pipeline/documents.ts';
import type { RunRecord } from '../../core/pipeline/records.ts';
import type { Race } from '../../core/schemas/index.ts';
import type { ApiDependencies } from './dependencies.ts';

/** Records a queued run and puts it on the run queue. */
export async function queueRun(
  deps: ApiDependencies,
  raceId: string,
  releaseSeq: number,
  options: { trigger: RunRecord['trigger']; draws: number; seed?: string; joinsNight?: boolean },
): Promise<RunRecord> {
  const run: RunRecord = {
    raceId,
    runId: deps.newRunId(releaseSeq),
    releaseSeq,
    draws: options.draws,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.joinsNight === true ? { joinsNight: true } : {}),
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

/**
 * The seed and flag of a run that joins its election's night: a race of an election run with the night's
 * draws gets the night's seed (nightSeed), so its draws share the election's swing with every other race's.
 * Any other run (no election, or fewer draws because the release is too big for the night's) is left as it is.
 */
export function nightRunOptions(race: Race, draws: number, nightDraws: number): { seed?: string; joinsNight?: boolean } {
  if (race.election === undefined || draws !== nightDraws) return {};
  return { seed: nightSeed(race.election.id), joinsNight: true };
}
