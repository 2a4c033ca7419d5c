import { deskEntryProblems } from '../../core/pipeline/desk-entry-checks.ts';
import { defaultDraws } from '../../core/pipeline/run-size.ts';
import { CallRequestSchema, OverrideRequestSchema, type DeskEntry, type Release } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';
import { callerIdentity, jsonBody, pathId, validated } from '../http/parse-request.ts';
import { HttpError, jsonResponse } from '../http/responses.ts';
import { safeHttpHandler } from '../http/safe-handler.ts';
import type { StoredRace } from '../ports/race-store.ts';
import type { ApiDependencies } from './dependencies.ts';
import { nightRunOptions, queueRun, runLinks } from './queue-run.ts';

type Handler = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * POST /races/{raceId}/calls: records the desk's call of a race (`{ candidate, note? }`; a null candidate
 * withdraws it), by the caller's IAM identity, at the API's clock, and queues a forecast of the newest
 * release, which shows the call. 201 with the stored call and the run (no run before the first release);
 * 400 naming every bad field; 404 for an unknown race; 409 when the race holds the most calls it keeps.
 */
export function makePostCallHandler(deps: ApiDependencies): Handler {
  return safeHttpHandler(deps.logger, async (request) => {
    const { by, raceId, body } = readRequest(deps, request);
    const call = { ...validated(CallRequestSchema, body, 'call'), by, at: deps.now() };
    return recordAndRun(deps, raceId, { kind: 'call', call }, call);
  });
}

/**
 * POST /races/{raceId}/overrides: records the desk's override of a unit's outstanding estimate or lean
 * (`{ unit, type?, outstanding?, lean?, note? }`; null goes back to the release's), by the caller's IAM
 * identity, at the API's clock, and queues a forecast of the newest release, which uses it. 201 with the
 * stored override and the run; 400 naming every bad field; 404 for an unknown race; 409 before the first
 * release (there is no unit yet) or when the race holds the most overrides it keeps.
 */
export function makePostOverrideHandler(deps: ApiDependencies): Handler {
  return safeHttpHandler(deps.logger, async (request) => {
    const { by, raceId, body } = readRequest(deps, request);
    const override = { ...validated(OverrideRequestSchema, body, 'override'), by, at: deps.now() };
    return recordAndRun(deps, raceId, { kind: 'override', override }, override);
  });
}

/** Who is asking (403 if unsigned), which race, and the JSON body. */
function readRequest(deps: ApiDependencies, request: HttpRequest) {
  const by = callerIdentity(request);
  return { by, raceId: pathId(request, 'raceId'), body: jsonBody(request, deps.maxBodyBytes) };
}

/** Checks the entry against the race and its newest release, stores it, and queues the newest release's run. */
async function recordAndRun(deps: ApiDependencies, raceId: string, entry: DeskEntry, stored: object): Promise<HttpResponse> {
  const race = await deps.store.getRace(raceId);
  if (race === undefined) throw new HttpError(404, `unknown race "${raceId}"; create it first with PUT /races/${raceId}`);
  if (entry.kind === 'override' && race.releaseCount === 0) {
    throw new HttpError(409, `race "${raceId}" has no releases yet; an override names a unit of one`);
  }
  const newest = race.releaseCount === 0 ? undefined : await deps.store.getRelease(raceId, race.releaseCount - 1);
  const problems = deskEntryProblems(race.race, newest, entry);
  if (problems.length > 0) throw new HttpError(400, `invalid ${entry.kind}`, problems);
  const recorded = await deps.store.recordDeskEntry(raceId, entry, deps.now());
  if (recorded.kind === 'unknown-race') throw new HttpError(404, `unknown race "${raceId}"`);
  if (recorded.kind === 'full') throw new HttpError(409, recorded.reason);
  if (recorded.kind === 'too-large') throw new HttpError(413, recorded.reason);
  const run = newest === undefined ? undefined : await queueNewestRun(deps, race, newest);
  return jsonResponse(201, { status: 'stored', raceId, [entry.kind]: stored, ...(run === undefined ? {} : { run }) });
}

/** Queues a forecast of the race's newest release, as a release's own run is queued (same draws, same night). */
async function queueNewestRun(deps: ApiDependencies, stored: StoredRace, newest: Release) {
  const draws = defaultDraws(newest, stored.race.candidates.length, deps.releaseDraws);
  const seq = stored.releaseCount - 1;
  const run = await queueRun(deps, stored.race.id, seq, { trigger: 'desk', draws, ...nightRunOptions(stored.race, draws, deps.releaseDraws) });
  return { runId: run.runId, releaseIndex: seq, links: runLinks(stored.race.id, run.runId) };
}
