// What both pages do before fetching anything: refuse a `?base=` on an origin the page was not built to
// allow (web/build.ts --allow-origin), with a message saying so.
import { html } from './dom.ts';
import { ALLOWED_ORIGINS_META, isAllowedBase, parseOriginList } from './origins.ts';

/**
 * Whether the page may read from `baseUrl`; if not, `root` shows why, under `title`, and gets
 * `data-refused-base`.
 */
export function guardBase(root: HTMLElement, baseUrl: string, title: string): boolean {
  const allowed = allowedOrigins();
  if (isAllowedBase(baseUrl, window.location.href, allowed)) return true;
  const others = allowed.length === 0 ? 'no other origin' : allowed.join(', ');
  root.classList.add('ballotcast');
  root.replaceChildren(
    html('header', { class: 'page-header' }, [html('h1', {}, [title])]),
    html('p', { class: 'status refused', role: 'alert', 'data-testid': 'status' }, [
      `This page does not read forecasts from ${new URL(baseUrl).origin}. `,
      `It reads them only from its own site and ${others}, as it was configured when it was built. Check the link's base= parameter.`,
    ]),
  );
  root.dataset.refusedBase = baseUrl;
  return false;
}

/** The origins written into the page at build time; none (only the page's own) if the meta is missing or bad. */
function allowedOrigins(): string[] {
  try {
    return parseOriginList(document.querySelector<HTMLMetaElement>(`meta[name="${ALLOWED_ORIGINS_META}"]`)?.content);
  } catch {
    return [];
  }
}
