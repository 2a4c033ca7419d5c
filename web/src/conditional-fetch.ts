/** What a poll of one object found. */
export type PollResult<T> =
  | { readonly kind: 'changed'; readonly body: T }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'missing' };

/**
 * Polls JSON objects by ETag, as docs/published-json.md describes, with the browser sending If-None-Match.
 *
 * Each request uses `cache: 'no-cache'`: the browser revalidates its stored copy with the server, sending that
 * copy's ETag in If-None-Match, and a 304 costs no download. The page then compares the ETag it gets with
 * the one it drew, and redraws only on a change. Setting If-None-Match by hand would do the same on the
 * page's own origin, but on another origin it is not a CORS-safelisted header: every poll would need a
 * preflight OPTIONS request, which a CDN that allows only GET and HEAD refuses.
 */
export class ConditionalFetcher {
  /** Per URL, the ETag of the version last returned (or its text, where the server sends no ETag). */
  private readonly versions = new Map<string, string>();

  constructor(private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {}

  /** GETs `url`; throws on a network error or any status but 200, 304 and 404. */
  async get<T>(url: string): Promise<PollResult<T>> {
    const response = await this.fetchImpl(url, { cache: 'no-cache' });
    if (response.status === 304) return { kind: 'unchanged' };
    if (response.status === 404) {
      this.versions.delete(url);
      return { kind: 'missing' };
    }
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    const etag = response.headers.get('ETag');
    if (etag !== null && etag === this.versions.get(url)) {
      await response.body?.cancel();
      return { kind: 'unchanged' };
    }
    const text = await response.text();
    const version = etag ?? text;
    if (version === this.versions.get(url)) return { kind: 'unchanged' };
    this.versions.set(url, version);
    return { kind: 'changed', body: JSON.parse(text) as T };
  }

  /** Forgets what `url` returned, so that the next GET counts as a change. */
  forget(url: string): void {
    this.versions.delete(url);
  }
}
