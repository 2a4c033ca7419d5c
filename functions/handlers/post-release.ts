import { checkNewRelease, releaseHash } from '../../core/pipeline/release-checks.ts';
import { asOfWindowProblem } from '../../core/pipeline/release-time.ts';
import { ReleaseSchema } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';
import { jsonBody, pathId, requireIdentity, validated } from '../http/parse-request.ts';
import { HttpError, jsonResponse } from '../http/responses.ts';
import { safeHttpHandler } from '../http/safe-handler.ts';
import type { ApiDependencies } from './dependencies.ts';
import { queueRun, runLinks } from './queue-run.ts';

/**
 * POST /races/{raceId}/releases: stores the next release of a race and queues its forecast.
 * - 201 with the release index and the run, when stored;
 * - 200 with the same index when the same release was already stored (idempotent; no new run);
 * - 400 naming every bad field, including an asOf outside the window of core/pipeline/release-time.ts; 404 for an unknown race; 409 when out of order or in conflict.
 */
export function makePostReleaseHandler(deps: ApiDependencies): (request: HttpRequest) => Promise<HttpResponse> {
  return safeHttpHandler(deps.logger, async (request) => {
    requireIdentity(request);
    const raceId = pathId(request, 'raceId');
    const body = jsonBody(request, deps.maxBodyBytes);
    const shaped = validated(ReleaseSchema, body, 'release');
    // Before the store is read: a release from the year 9999 would otherwise be stored and lock the race.
    const timeProblem = asOfWindowProblem(shaped.asOf, deps.now());
    if (timeProblem !== undefined) throw new HttpError(400, 'invalid release', [`asOf: ${timeProblem}`]);
    const stored = await deps.store.getRace(raceId);
    if (stored === undefined) throw new HttpError(404, `unknown race "${raceId}"; create it first with PUT /races/${raceId}`);
    const hash = releaseHash(shaped);
    const latest = stored.latestRelease;
    if (latest !== undefined && latest.asOf === shaped.asOf) {
      if (latest.hash === hash) return jsonResponse(200, { status: 'duplicate', raceId, releaseIndex: latest.seq, asOf: shaped.asOf });
      throw new HttpError(409, `a different release with asOf ${shaped.asOf} is already stored (release ${latest.seq}); releases are immutable`);
    }
    // The newest release is all the checks need: time order, counts that only grow, units that stay.
    const newest = stored.releaseCount > 0 ? await deps.store.getRelease(raceId, stored.releaseCount - 1) : undefined;
    const previous = newest === undefined ? [] : [newest];
    const checked = checkNewRelease(stored.race, previous, body);
    if (!checked.ok) throw new HttpError(orderProblem(checked.errors) ? 409 : 400, 'invalid release', checked.errors);
    const appended = await deps.store.appendRelease(raceId, checked.value, hash, stored.releaseCount, deps.now());
    if (appended.kind === 'unknown-race') throw new HttpError(404, `unknown race "${raceId}"`);
    if (appended.kind === 'conflict') throw new HttpError(409, appended.reason);
    if (appended.kind === 'duplicate') return jsonResponse(200, { status: 'duplicate', raceId, releaseIndex: appended.seq, asOf: shaped.asOf });
    const run = await queueRun(deps, raceId, appended.seq, { trigger: 'release' });
    return jsonResponse(201, { status: 'stored', raceId, releaseIndex: appended.seq, asOf: shaped.asOf, run: { runId: run.runId, links: runLinks(raceId, run.runId) } });
  });
}

/** A release that comes before the newest one is a conflict with the stored history, not a malformed body. */
function orderProblem(errors: readonly string[]): boolean {
  return errors.some((line) => line.startsWith('asOf: expected a time after the previous release'));
}
