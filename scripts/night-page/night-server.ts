import { createHash } from 'node:crypto';
import { errorResponse } from '../../functions/http/responses.ts';
import { startLocalApiServer, type LocalRoutes, type StaticSite } from '../../local/local-api-server.ts';

/** As the service publishes latest.json and summary.json (docs/published-json.md). */
const CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';

/** What the server was asked for under /public/, and whether it answered 304. */
export interface PublicRead {
  readonly key: string;
  readonly found: boolean;
  readonly notModified: boolean;
}

/**
 * Serves `objects()` (read on every request, so they can change) at /public/{key} with ETags, as CloudFront
 * serves the bucket, and `site` at the root; `onRead` hears of every read. The API's write routes answer
 * 404: nothing is posted here.
 */
export async function startNightServer(
  objects: () => ReadonlyMap<string, string>,
  site: StaticSite,
  options: { readonly port?: number; readonly onRead?: (read: PublicRead) => void } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const none = async () => errorResponse(404, 'this server only serves published objects');
  const routes: LocalRoutes = {
    putRace: none,
    postRelease: none,
    requestRun: none,
    getRun: none,
    postCall: none,
    postOverride: none,
    readPublic: async (key, ifNoneMatch) => {
      const body = objects().get(key);
      const etag = body === undefined ? undefined : `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
      const notModified = etag !== undefined && ifNoneMatch === etag;
      options.onRead?.({ key, found: body !== undefined, notModified });
      if (body === undefined || etag === undefined) return undefined;
      return { body, contentType: 'application/json; charset=utf-8', cacheControl: CACHE_CONTROL, etag, notModified };
    },
  };
  return startLocalApiServer(routes, 'unused', options.port ?? 0, { site });
}
