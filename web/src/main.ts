// The page's entry point: mounts the forecast in #ballotcast, configured by the query string. A `?base=` on
// an origin the page was not built to allow is refused with a message, before anything is fetched.
import { readConfig } from './config.ts';
import { html } from './dom.ts';
import { mountForecast } from './forecast-page.ts';
import { ALLOWED_ORIGINS_META, isAllowedBase, parseOriginList } from './origins.ts';

const root = document.getElementById('ballotcast');
if (root === null) throw new Error('the page has no element with id "ballotcast"');
const config = readConfig(window.location.href);
const allowed = allowedOrigins();
if (isAllowedBase(config.baseUrl, window.location.href, allowed)) {
  mountForecast(root, config);
} else {
  const others = allowed.length === 0 ? 'no other origin' : allowed.join(', ');
  root.classList.add('ballotcast');
  root.replaceChildren(
    html('header', { class: 'page-header' }, [html('h1', {}, ['Election forecast'])]),
    html('p', { class: 'status refused', role: 'alert', 'data-testid': 'status' }, [
      `This page does not read forecasts from ${new URL(config.baseUrl).origin}. `,
      `It reads them only from its own site and ${others}, as it was configured when it was built. Check the link's base= parameter.`,
    ]),
  );
  root.dataset.refusedBase = config.baseUrl;
}

/** The origins written into the page at build time; none (only the page's own) if the meta is missing or bad. */
function allowedOrigins(): string[] {
  try {
    return parseOriginList(document.querySelector<HTMLMetaElement>(`meta[name="${ALLOWED_ORIGINS_META}"]`)?.content);
  } catch {
    return [];
  }
}
