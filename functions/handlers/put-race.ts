import { RaceSchema } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';
import { jsonBody, pathId, refuseOversized, requireIdentity, validated } from '../http/parse-request.ts';
import { HttpError, jsonResponse } from '../http/responses.ts';
import { safeHttpHandler } from '../http/safe-handler.ts';
import { MAX_RACE_JSON_BYTES } from '../ports/race-store.ts';
import type { ApiDependencies, JobRequestDependencies } from './dependencies.ts';
import { refreshIndexEntry } from './request-publish-job.ts';

/**
 * PUT /races/{raceId}: creates a race, or renames it; candidates and rule are fixed once releases exist.
 * A new or renamed race refreshes its index entry, so index.json lists it before any release.
 */
export function makePutRaceHandler(
  deps: Pick<ApiDependencies, 'store' | 'logger' | 'now' | 'maxBodyBytes'> & JobRequestDependencies,
): (request: HttpRequest) => Promise<HttpResponse> {
  return safeHttpHandler(deps.logger, async (request) => {
    requireIdentity(request);
    const raceId = pathId(request, 'raceId');
    const race = validated(RaceSchema, jsonBody(request, deps.maxBodyBytes), 'race');
    if (race.id !== raceId) throw new HttpError(400, 'invalid race', [`id: must match the path (${raceId}), got ${race.id}`]);
    refuseOversized(race, MAX_RACE_JSON_BYTES, 'race');
    const result = await deps.store.putRace(race, deps.now());
    if (result.kind === 'conflict') throw new HttpError(409, result.reason);
    if (result.kind === 'too-large') throw new HttpError(413, `${result.reason}; the limit is ${MAX_RACE_JSON_BYTES} bytes of compact JSON`);
    if (result.kind !== 'unchanged') await refreshIndexEntry(deps, result.stored);
    deps.logger.info('race stored', { raceId, result: result.kind });
    return jsonResponse(result.kind === 'created' ? 201 : 200, { status: result.kind, race: result.stored.race, releases: result.stored.releaseCount });
  });
}
