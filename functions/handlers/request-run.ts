import { RunRequestSchema } from '../../core/pipeline/records.ts';
import { defaultDraws, runSizeProblem } from '../../core/pipeline/run-size.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';
import { jsonBody, pathId, requireIdentity, validated } from '../http/parse-request.ts';
import { HttpError, jsonResponse } from '../http/responses.ts';
import { safeHttpHandler } from '../http/safe-handler.ts';
import type { ApiDependencies } from './dependencies.ts';
import { nightRunOptions, queueRun, runLinks } from './queue-run.ts';

/**
 * POST /races/{raceId}/runs: queues a forecast with chosen draws, seed and release; 202 with the run. Draws
 * that would make the run too big for the run function (core/pipeline/run-size.ts) get a 400 naming `draws`
 * and the most that fit; without `draws`, the run gets deps.releaseDraws or as many as fit.
 */
export function makeRequestRunHandler(deps: ApiDependencies): (request: HttpRequest) => Promise<HttpResponse> {
  return safeHttpHandler(deps.logger, async (request) => {
    requireIdentity(request);
    const raceId = pathId(request, 'raceId');
    const wanted = validated(RunRequestSchema, jsonBody(request, deps.maxBodyBytes, {}), 'run request');
    const stored = await deps.store.getRace(raceId);
    if (stored === undefined) throw new HttpError(404, `unknown race "${raceId}"`);
    if (stored.releaseCount === 0) throw new HttpError(409, `race "${raceId}" has no releases yet; post one first`);
    const releaseSeq = wanted.releaseIndex ?? stored.releaseCount - 1;
    if (releaseSeq >= stored.releaseCount) {
      throw new HttpError(400, 'invalid run request', [`releaseIndex: the race has releases 0 to ${stored.releaseCount - 1}`]);
    }
    const release = await deps.store.getRelease(raceId, releaseSeq);
    if (release === undefined) throw new Error(`release ${releaseSeq} of race ${raceId} is counted but missing`);
    const candidateCount = stored.race.candidates.length;
    const draws = wanted.draws ?? defaultDraws(release, candidateCount, deps.releaseDraws);
    const tooBig = runSizeProblem(release, candidateCount, draws);
    if (tooBig !== undefined) throw new HttpError(400, 'invalid run request', [`draws: ${tooBig}`]);
    // A request that chooses neither seed nor draws repeats the release's own run, night run included.
    const night = wanted.seed === undefined && wanted.draws === undefined ? nightRunOptions(stored.race, draws, deps.releaseDraws) : {};
    const run = await queueRun(deps, raceId, releaseSeq, { trigger: 'request', draws, seed: wanted.seed, ...night });
    return jsonResponse(202, { status: 'queued', raceId, runId: run.runId, releaseIndex: releaseSeq, links: runLinks(raceId, run.runId) });
  });
}
