import { ID_RULE, isId } from '../../core/schemas/id-rule.ts';
import { ConditionalFetcher } from './conditional-fetch.ts';
import type { PageConfig } from './config.ts';
import { html, type ChartFigure } from './dom.ts';
import { pollEvery, type PollLoop } from './poll-loop.ts';
import {
  checkSchemaVersion,
  defaultRaceId,
  historyKey,
  INDEX_KEY,
  latestKey,
  type Forecast,
  type HistoryDocument,
  type IndexDocument,
} from './published.ts';
import { renderPage, type PageSlots } from './render-page.ts';

/** A running page: stop() ends its polling. */
export interface MountedForecast {
  stop(): void;
}

/**
 * Shows the forecast of one race in `root` and keeps it current: polls latest.json and history.json every
 * `config.pollSeconds` with If-None-Match, and redraws only when one of them changed.
 *
 * The root gets `data-race-id`, `data-release-index` and `data-as-of` of what it shows, for the page that
 * embeds it (and for tests).
 */
export function mountForecast(root: HTMLElement, config: PageConfig, fetcher = new ConditionalFetcher()): MountedForecast {
  const page = new ForecastPage(root, config, fetcher);
  page.start();
  return { stop: () => page.stop() };
}

class ForecastPage {
  private readonly slots: PageSlots;
  private readonly status: HTMLElement;
  private readonly resize = new ResizeObserver(() => requestAnimationFrame(() => this.figures.forEach((figure) => figure.drawPlot())));
  private raceId: string | undefined;
  private forecast: Forecast | undefined;
  private history: HistoryDocument = { schemaVersion: 1, raceId: '', points: [] };
  private figures: ChartFigure[] = [];
  private polling: PollLoop | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: PageConfig,
    private readonly fetcher: ConditionalFetcher,
  ) {
    ({ slots: this.slots, status: this.status } = buildSkeleton(root));
    this.raceId = config.raceId;
  }

  start(): void {
    this.resize.observe(this.slots.charts);
    this.polling = pollEvery(this.config.pollSeconds, () => this.poll(), (reason) =>
      this.setStatus(`Could not update the forecast (${reason}). Trying again in ${this.config.pollSeconds} s.`),
    );
  }

  stop(): void {
    this.polling?.stop();
    this.resize.disconnect();
  }

  /**
   * One poll: finds the race if none was asked for, then fetches both documents and redraws on a change. A
   * race id that breaks the rule is refused before it becomes part of a URL.
   */
  private async poll(): Promise<void> {
    this.raceId ??= await findRace(this.fetcher, this.url(INDEX_KEY));
    const raceId = this.raceId;
    if (raceId === undefined) return this.setStatus(`No race is published at ${this.config.baseUrl} yet.`);
    if (!isId(raceId)) return this.setStatus(`"${raceId}" is not a race id. A race id has ${ID_RULE}.`);
    const [latest, history] = await Promise.all([
      this.fetcher.get<Forecast>(this.url(latestKey(raceId))),
      this.fetcher.get<HistoryDocument>(this.url(historyKey(raceId))),
    ]);
    if (latest.kind === 'missing') return this.setStatus(`No forecast for ${raceId} yet. The page shows it as soon as one is published.`);
    if (latest.kind === 'changed') this.forecast = checkSchemaVersion(latest.body, 'latest.json');
    if (history.kind === 'changed') this.history = checkSchemaVersion(history.body, 'history.json');
    if (latest.kind === 'changed' || history.kind === 'changed') this.redraw();
    if (this.forecast !== undefined) {
      this.setStatus(`Showing release ${(this.forecast.release?.index ?? 0) + 1}. The page updates itself when a new release is published.`);
    }
  }

  private redraw(): void {
    const { forecast, history, raceId } = this;
    if (forecast === undefined || raceId === undefined) return;
    const sources = { latest: this.url(latestKey(raceId)), history: this.url(historyKey(raceId)) };
    this.figures = renderPage(this.slots, { forecast, history }, sources);
    this.root.dataset.raceId = forecast.raceId;
    this.root.dataset.releaseIndex = String(forecast.release?.index ?? 0);
    this.root.dataset.asOf = forecast.asOf;
    document.title = `${forecast.raceName ?? forecast.raceId}: forecast`;
  }

  /** Sets the status line only on a change, so that screen readers announce each new release once. */
  private setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private url(key: string): string {
    return new URL(key, this.config.baseUrl).href;
  }
}

/** The race index.json names first, or undefined while it names none (or does not exist yet). */
async function findRace(fetcher: ConditionalFetcher, indexUrl: string): Promise<string | undefined> {
  fetcher.forget(indexUrl);
  const index = await fetcher.get<IndexDocument>(indexUrl);
  return index.kind === 'changed' ? defaultRaceId(checkSchemaVersion(index.body, 'index.json')) : undefined;
}

function buildSkeleton(root: HTMLElement): { slots: PageSlots; status: HTMLElement } {
  const heading = html('header', { class: 'page-header' }, [html('h1', {}, ['Election forecast'])]);
  const status = html('p', { class: 'status', role: 'status', 'data-testid': 'status' }, ['Loading the forecast…']);
  const charts = html('main', { class: 'charts' });
  const footer = html('footer', { class: 'page-footer' });
  root.classList.add('ballotcast');
  root.replaceChildren(heading, status, charts, footer);
  return { slots: { heading, charts, footer }, status };
}
