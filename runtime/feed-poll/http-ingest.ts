import type { Ingest, IngestAnswer } from './post-releases.ts';

/** How long an API request may take before the poller gives up on it and tries the snapshot again. */
const API_TIMEOUT_MS = 30_000;

/**
 * The ingest routes of an API over HTTP, with `Authorization: Bearer <token>`: the local API of
 * `npm run dev` (local/local-api-server.ts). Ids need no encoding: every character an id may hold is
 * unreserved in URLs.
 */
export function httpIngest(apiUrl: string, token: string): Ingest {
  const base = apiUrl.replace(/\/+$/, '');
  const send = async (method: string, path: string, body: unknown): Promise<IngestAnswer> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  };
  return {
    putRace: (race) => send('PUT', `/races/${race.id}`, race),
    postRelease: (raceId, release) => send('POST', `/races/${raceId}/releases`, release),
  };
}
