import { staleRunAsOf } from '../../core/pipeline/stale-run.ts';
import type { HttpRequest, HttpResponse } from '../http/http-types.ts';
import { pathId, requireIdentity } from '../http/parse-request.ts';
import { HttpError, jsonResponse } from '../http/responses.ts';
import { safeHttpHandler } from '../http/safe-handler.ts';
import type { ApiDependencies } from './dependencies.ts';

/**
 * GET /races/{raceId}/runs/{runId}: the run's status, and where its forecast is once published. A run still
 * `running` past its deadline is reported `timed-out` (core/pipeline/stale-run.ts).
 */
export function makeGetRunHandler(deps: Pick<ApiDependencies, 'store' | 'logger' | 'publicBaseUrl' | 'now'>) {
  return safeHttpHandler(deps.logger, async (request: HttpRequest): Promise<HttpResponse> => {
    requireIdentity(request);
    const raceId = pathId(request, 'raceId');
    const runId = pathId(request, 'runId');
    const stored = await deps.store.getRun(raceId, runId);
    if (stored === undefined) throw new HttpError(404, `unknown run "${runId}" of race "${raceId}"`);
    const run = staleRunAsOf(stored, deps.now());
    const forecastUrl = run.forecastKey === undefined ? undefined : `${deps.publicBaseUrl.replace(/\/$/, '')}/${run.forecastKey}`;
    return jsonResponse(200, { ...run, ...(forecastUrl === undefined ? {} : { forecastUrl }) });
  });
}
