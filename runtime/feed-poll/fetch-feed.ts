/** A feed's answer to one GET, as text. */
export interface FetchedText {
  readonly status: number;
  readonly body: string;
  readonly retryAfter?: string;
}

/** GETs a URL, giving up after `timeoutMs` (a stalled server) with an error. */
export type FeedFetcher = (url: string, timeoutMs: number) => Promise<FetchedText>;

/**
 * A fetcher on Node's global fetch. `headers` are sent with every request: AP's key goes in `x-api-key`
 * (AP Elections API, Getting Started). The timeout covers the body too, so a server that sends headers
 * and then stalls is abandoned as well.
 */
export function httpFeedFetcher(headers: Readonly<Record<string, string>> = {}): FeedFetcher {
  return async (url, timeoutMs) => {
    const response = await fetch(url, { headers: { accept: 'application/json, text/plain', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, body, ...(retryAfter === null ? {} : { retryAfter }) };
  };
}

/** The fetcher's headers from the environment: AP_API_KEY, when set, as `x-api-key`. */
export function feedHeadersFromEnvironment(environment: NodeJS.ProcessEnv): Record<string, string> {
  const key = environment.AP_API_KEY;
  return key === undefined || key === '' ? {} : { 'x-api-key': key };
}

/** Why a request failed, in words: "timed out after 20000 ms", "connect ECONNREFUSED 127.0.0.1:9". */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  const named = error as { name?: string; message?: string; cause?: { message?: string } };
  if (named.name === 'TimeoutError' || named.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return named.cause?.message ?? named.message ?? String(error);
}
