// Which origins the page may read the published JSON from. The page's own origin always; others only if
// they were configured when the page was built (web/build.ts --allow-origin), which writes them into
// index.html twice: in the Content-Security-Policy's connect-src, and in <meta name="ballotcast-allowed-origins">
// for the page to refuse a `?base=` elsewhere with a message, before it fetches anything. Pure: no DOM.

/** The name of the <meta> whose content lists the allowed origins, separated by spaces. */
export const ALLOWED_ORIGINS_META = 'ballotcast-allowed-origins';

/**
 * `text` as an origin (`https://results.example.org`, `http://127.0.0.1:3000`), or throws saying why: only
 * http and https, with no path (other than '/'), query, fragment or credentials.
 */
export function normalizeOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`"${text}" is not an origin: give a URL such as https://results.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${text}" is not an http or https origin`);
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]$/.test(text.trim())) {
    throw new Error(`"${text}" is not an origin: give only the scheme, host and port, such as https://results.example.org`);
  }
  return url.origin;
}

/** The origins in a space- or comma-separated list, normalized, without duplicates; throws on a bad one. */
export function parseOriginList(list: string | undefined): string[] {
  const entries = (list ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  return [...new Set(entries.map(normalizeOrigin))];
}

/** The CSP `connect-src` value: the page's own origin and exactly the allowed ones. */
export function connectSources(allowed: readonly string[]): string {
  return ["'self'", ...allowed].join(' ');
}

/**
 * Whether the page at `pageUrl` may read from `baseUrl`: its origin is the page's own, or one of `allowed`.
 * An opaque origin (data:, blob:, file:, ...) is never allowed, not even on a page that has one too.
 */
export function isAllowedBase(baseUrl: string, pageUrl: string, allowed: readonly string[]): boolean {
  let base: URL;
  try {
    base = new URL(baseUrl, pageUrl);
  } catch {
    return false;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return false;
  return base.origin === new URL(pageUrl).origin || allowed.includes(base.origin);
}
