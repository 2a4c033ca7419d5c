import { readConfig } from '../config.ts';

/** What the night page reads and how often, from its query string. */
export interface NightConfig {
  /** The public base URL of the published JSON, absolute, ending in '/'. */
  readonly baseUrl: string;
  /** The election to show; undefined when the query names none. */
  readonly electionId: string | undefined;
  /** Seconds between polls of summary.json, as the race page polls latest.json. */
  readonly pollSeconds: number;
}

/**
 * Reads `?election=...&base=...&poll=...` of the page at `pageUrl`, as the race page reads its query.
 * @example readNightConfig('http://127.0.0.1:3000/night.html?election=test-night&poll=5')
 *   // → { baseUrl: 'http://127.0.0.1:3000/public/', electionId: 'test-night', pollSeconds: 5 }
 */
export function readNightConfig(pageUrl: string): NightConfig {
  const { baseUrl, pollSeconds } = readConfig(pageUrl);
  return { baseUrl, electionId: new URL(pageUrl).searchParams.get('election') || undefined, pollSeconds };
}

/**
 * The link to a race's own page (index.html beside this one), keeping the `base` and `poll` the night page
 * was given, so the race page reads the same published JSON.
 * @example raceHref('https://x.example/graphic/night.html?election=e&poll=5', 'north')
 *   // → 'https://x.example/graphic/index.html?race=north&poll=5'
 */
export function raceHref(pageUrl: string, raceId: string): string {
  const page = new URL(pageUrl);
  const link = new URL('index.html', page);
  link.searchParams.set('race', raceId);
  for (const name of ['base', 'poll']) {
    const value = page.searchParams.get(name);
    if (value !== null && value !== '') link.searchParams.set(name, value);
  }
  return link.href;
}
