import { isZip, toBase64 } from '../../feeds/feed-body.ts';
import type { BodyEncoding } from '../../feeds/recorded-snapshot.ts';

/** A feed's answer to one GET: its body as text, or in base64 (`encoding`) when it is binary (a zip). */
export interface FetchedText {
  readonly status: number;
  readonly body: string;
  readonly encoding?: BodyEncoding;
  readonly contentType?: string;
  readonly retryAfter?: string;
}

/** GETs a URL, giving up after `timeoutMs` (a stalled server) with an error. */
export type FeedFetcher = (url: string, timeoutMs: number) => Promise<FetchedText>;

/** Content types of a binary body, kept as base64 whatever its first bytes. */
const BINARY_TYPE = /^application\/(zip|x-zip-compressed|octet-stream)\b/i;

/**
 * A fetcher on Node's global fetch. `headers` are sent with every request: AP's key goes in `x-api-key`
 * (AP Elections API, Getting Started). A zip (Clarity's reports/detailxml.zip, known by its first bytes or
 * its Content-Type) comes back in base64, anything else as UTF-8 text. The timeout covers the body too, so
 * a server that sends headers and then stalls is abandoned as well.
 */
export function httpFeedFetcher(headers: Readonly<Record<string, string>> = {}): FeedFetcher {
  return async (url, timeoutMs) => {
    const response = await fetch(url, { headers: { accept: 'application/json, text/plain, application/zip', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? undefined;
    const retryAfter = response.headers.get('retry-after');
    const binary = isZip(bytes) || (contentType !== undefined && BINARY_TYPE.test(contentType));
    const body = binary ? toBase64(bytes) : new TextDecoder().decode(bytes);
    return {
      status: response.status,
      body,
      ...(binary ? { encoding: 'base64' as const } : {}),
      ...(contentType === undefined ? {} : { contentType }),
      ...(retryAfter === null ? {} : { retryAfter }),
    };
  };
}

/**
 * The headers that carry AP's API key: `x-api-key`, as AP documents (Getting Started: "specifying your API
 * key in the x-api-key HTTP request header"), not the `apiKey` query parameter, so the key stays out of
 * URLs and the logs that print them. None without a key.
 */
export function apKeyHeaders(key: string | undefined): Record<string, string> {
  return key === undefined || key === '' ? {} : { 'x-api-key': key };
}

/** The fetcher's headers from the environment (watch, record): AP_API_KEY, when set, as `x-api-key`. */
export function feedHeadersFromEnvironment(environment: NodeJS.ProcessEnv): Record<string, string> {
  return apKeyHeaders(environment.AP_API_KEY);
}

/** Why a request failed, in words: "timed out after 20000 ms", "connect ECONNREFUSED 127.0.0.1:9". */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  const named = error as { name?: string; message?: string; cause?: { message?: string } };
  if (named.name === 'TimeoutError' || named.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return named.cause?.message ?? named.message ?? String(error);
}
