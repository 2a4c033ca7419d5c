import { checkNewRelease, releaseHash } from '../../core/pipeline/release-checks.ts';
import { asOfWindowProblem } from '../../core/pipeline/release-time.ts';
import { defaultDraws } from '../../core/pipeline/run-size.ts';
import { ReleaseSchema } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';
import { jsonBody, pathId, refuseOversized, requireIdentity, validated } from '../http/parse-request.ts';
import { HttpError, jsonResponse } from '../http/responses.ts';
import { safeHttpHandler } from '../http/safe-handler.ts';
import { MAX_RELEASE_JSON_BYTES } from '../ports/race-store.ts';
import type { ApiDependencies } from './dependencies.ts';
import { nightRunOptions, queueRun, runLinks } from './queue-run.ts';

/**
 * POST /races/{raceId}/releases: stores the next release of a race and queues its forecast.
 * - 201 with the release index and the run, when stored; the run has deps.releaseDraws draws, or as many as
 *   fit the cap of core/pipeline/run-size.ts; in a race of an election it is a night run (nightRunOptions);
 * - 200 with its index when the same release (same asOf and content) is already stored, newest or older
 *   (idempotent; no new run);
 * - 400 naming every bad field, including an asOf outside the window of core/pipeline/release-time.ts; 404 for an unknown race; 409 when out of order or in conflict;
 *   413 above the body limit, or above MAX_RELEASE_JSON_BYTES, what one stored release may hold.
 */
export function makePostReleaseHandler(deps: ApiDependencies): (request: HttpRequest) => Promise<HttpResponse> {
  return safeHttpHandler(deps.logger, async (request) => {
    requireIdentity(request);
    const raceId = pathId(request, 'raceId');
    const body = jsonBody(request, deps.maxBodyBytes);
    const shaped = validated(ReleaseSchema, body, 'release');
    refuseOversized(shaped, MAX_RELEASE_JSON_BYTES, 'release');
    // Before the store is read: a release from the year 9999 would otherwise be stored and lock the race.
    const timeProblem = asOfWindowProblem(shaped.asOf, deps.now());
    if (timeProblem !== undefined) throw new HttpError(400, 'invalid release', [`asOf: ${timeProblem}`]);
    const stored = await deps.store.getRace(raceId);
    if (stored === undefined) throw new HttpError(404, `unknown race "${raceId}"; create it first with PUT /races/${raceId}`);
    const hash = releaseHash(shaped);
    const latest = stored.latestRelease;
    if (latest !== undefined && !(Date.parse(shaped.asOf) > Date.parse(latest.asOf))) {
      return answerNotNewer(deps, raceId, shaped.asOf, hash, latest);
    }
    // The newest release is all the checks need: counts that only grow, units that stay. Time order is
    // settled above, so every problem left is one of the body itself: a 400.
    const newest = stored.releaseCount > 0 ? await deps.store.getRelease(raceId, stored.releaseCount - 1) : undefined;
    const previous = newest === undefined ? [] : [newest];
    const checked = checkNewRelease(stored.race, previous, body);
    if (!checked.ok) throw new HttpError(400, 'invalid release', checked.errors);
    const appended = await deps.store.appendRelease(raceId, checked.value, hash, stored.releaseCount, deps.now(), stored);
    if (appended.kind === 'unknown-race') throw new HttpError(404, `unknown race "${raceId}"`);
    if (appended.kind === 'conflict') throw new HttpError(409, appended.reason);
    if (appended.kind === 'too-large') throw new HttpError(413, `${appended.reason}; the limit is ${MAX_RELEASE_JSON_BYTES} bytes of compact JSON`);
    if (appended.kind === 'duplicate') return jsonResponse(200, { status: 'duplicate', raceId, releaseIndex: appended.seq, asOf: shaped.asOf });
    const draws = defaultDraws(checked.value, stored.race.candidates.length, deps.releaseDraws);
    const run = await queueRun(deps, raceId, appended.seq, { trigger: 'release', draws, ...nightRunOptions(stored.race, draws, deps.releaseDraws) });
    return jsonResponse(201, { status: 'stored', raceId, releaseIndex: appended.seq, asOf: shaped.asOf, run: { runId: run.runId, links: runLinks(raceId, run.runId) } });
  });
}

/**
 * The answer to a release whose asOf is not after the newest stored one: 200 if it is a stored release sent
 * again (same asOf, same content), 409 if a different release has that asOf, or if it is out of order.
 */
async function answerNotNewer(
  deps: ApiDependencies,
  raceId: string,
  asOf: string,
  hash: string,
  latest: { readonly seq: number; readonly asOf: string },
): Promise<HttpResponse> {
  const same = await deps.store.findRelease(raceId, asOf);
  if (same !== undefined && same.hash === hash) return jsonResponse(200, { status: 'duplicate', raceId, releaseIndex: same.seq, asOf });
  if (same !== undefined) {
    throw new HttpError(409, `a different release with asOf ${asOf} is already stored (release ${same.seq}); releases are immutable`);
  }
  throw new HttpError(409, `out of order: release ${latest.seq} is newer; send releases oldest first`, [
    `asOf: expected a time after the previous release (${latest.asOf}), got ${asOf}`,
  ]);
}
