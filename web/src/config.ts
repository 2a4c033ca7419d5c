/** What the page reads and how often, from its query string. */
export interface PageConfig {
  /** The public base URL of the published JSON, absolute, ending in '/'. */
  readonly baseUrl: string;
  /** The race to show; undefined means the first race of index.json that has a forecast. */
  readonly raceId: string | undefined;
  /** Seconds between polls of latest.json and history.json. */
  readonly pollSeconds: number;
}

export const DEFAULT_BASE = '/public/';
export const DEFAULT_POLL_SECONDS = 10;
const MIN_POLL_SECONDS = 0.2;

/**
 * Reads `?base=...&race=...&poll=...` of the page at `pageUrl`. `base` is resolved against the page, so a
 * relative base works wherever the page is hosted; a missing or unreadable `poll` gives the default.
 * @example readConfig('http://127.0.0.1:3000/?race=la-mayor-2022-general&poll=5')
 *   // → { baseUrl: 'http://127.0.0.1:3000/public/', raceId: 'la-mayor-2022-general', pollSeconds: 5 }
 */
export function readConfig(pageUrl: string): PageConfig {
  const query = new URL(pageUrl).searchParams;
  const base = new URL(query.get('base') || DEFAULT_BASE, pageUrl).href;
  const poll = Number(query.get('poll'));
  return {
    baseUrl: base.endsWith('/') ? base : `${base}/`,
    raceId: query.get('race') || undefined,
    pollSeconds: Number.isFinite(poll) && poll > 0 ? Math.max(poll, MIN_POLL_SECONDS) : DEFAULT_POLL_SECONDS,
  };
}
