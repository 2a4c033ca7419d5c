import { publishedKeys } from '../../../core/pipeline/published-keys.ts';
import { ID_RULE, isId } from '../../../core/schemas/id-rule.ts';
import { ConditionalFetcher } from '../conditional-fetch.ts';
import { html, type ChartFigure } from '../dom.ts';
import { pollEvery, type PollLoop } from '../poll-loop.ts';
import { latestKey } from '../published.ts';
import { filterRows } from './filter-races.ts';
import type { NightConfig } from './night-config.ts';
import { checkForecast, checkSummary, type NightRace, type NightSummary } from './night-documents.ts';
import { nightHeading, nightProvenance, seatSection } from './night-render.ts';
import { raceControls, type RaceControls } from './race-controls.ts';
import { raceRows, type ForecastState } from './race-rows.ts';
import { raceTable } from './race-table.ts';
import { FORECAST_REQUESTS_AT_ONCE, forEachWithLimit, needsForecast } from './read-forecasts.ts';
import { sortRows } from './sort-races.ts';

/** A running night page: stop() ends its polling. */
export interface MountedNight {
  stop(): void;
}

/**
 * Shows every race of one election in `root` and keeps it current. Every `config.pollSeconds` it polls
 * the election's summary.json with If-None-Match, as the race page polls latest.json; when the summary
 * changes, it reads the latest.json of each race whose forecast it does not hold yet, or holds for an older
 * release, FORECAST_REQUESTS_AT_ONCE at a time, in the table's order. While nothing changes a poll is one
 * request, answered 304.
 *
 * The root gets `data-election-id`, `data-races` and `data-forecasts-read`, for the page that embeds it
 * (and for tests).
 */
export function mountNight(root: HTMLElement, config: NightConfig, pageUrl: string, fetcher = new ConditionalFetcher()): MountedNight {
  const page = new NightPage(root, config, pageUrl, fetcher);
  page.start();
  return { stop: () => page.stop() };
}

class NightPage {
  private readonly heading = html('header', { class: 'page-header' }, [html('h1', {}, ['Election night'])]);
  private readonly status = html('p', { class: 'status', role: 'status', 'data-testid': 'status' }, ['Loading the night…']);
  private readonly seats = html('section', { class: 'seats', 'aria-label': 'Seats' });
  private readonly shown = html('p', { class: 'races-shown', 'aria-live': 'polite', 'data-testid': 'races-shown' });
  private readonly tableSlot = html('div', { class: 'race-table-slot' });
  private readonly footer = html('footer', { class: 'page-footer' });
  private readonly controls: RaceControls = raceControls(() => this.drawTable());
  private readonly resize = new ResizeObserver(() => requestAnimationFrame(() => this.figures.forEach((figure) => figure.drawPlot())));
  private summary: NightSummary | undefined;
  /** Why no summary is shown (missing or bad), said again on polls that find it unchanged. */
  private problem: string | undefined;
  private readonly forecasts = new Map<string, ForecastState>();
  private figures: ChartFigure[] = [];
  private tableFrame: number | undefined;
  private polling: PollLoop | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly config: NightConfig,
    private readonly pageUrl: string,
    private readonly fetcher: ConditionalFetcher,
  ) {
    const races = html('section', { class: 'races-section', 'aria-labelledby': 'races-title' }, [
      html('h2', { id: 'races-title' }, ['Races']),
      this.controls.element,
      this.shown,
      this.tableSlot,
    ]);
    root.classList.add('ballotcast', 'night');
    root.replaceChildren(this.heading, this.status, html('main', {}, [this.seats, races]), this.footer);
  }

  start(): void {
    this.resize.observe(this.seats);
    this.polling = pollEvery(this.config.pollSeconds, () => this.poll(), (reason) =>
      this.setStatus(`Could not update the night (${reason}). Trying again in ${this.config.pollSeconds} s.`),
    );
  }

  stop(): void {
    this.polling?.stop();
    this.resize.disconnect();
  }

  /** One poll: the summary, then the forecasts it makes stale. An id that breaks the rule is never fetched. */
  private async poll(): Promise<void> {
    const { electionId } = this.config;
    if (electionId === undefined) return this.setStatus('Name an election in the link: night.html?election=ID.', true);
    if (!isId(electionId)) return this.setStatus(`"${electionId}" is not an election id. An election id has ${ID_RULE}.`, true);
    // The key the summary job writes; it throws on an id that breaks the rule, which was refused just above.
    const read = await this.fetcher.get<unknown>(this.url(publishedKeys.summary(electionId)));
    if (read.kind === 'missing') {
      return this.refuse(`No night summary for the election "${electionId}" at ${this.config.baseUrl} yet. The page shows it as soon as one is published.`);
    }
    if (read.kind === 'changed') {
      const summary = checkSummary(read.body);
      if (!summary.ok) return this.refuse(`The summary of "${electionId}" is not a night summary, so the page cannot show it: ${summary.problem}`);
      this.summary = summary.value;
      this.problem = undefined;
      this.drawSummary(summary.value);
    }
    if (this.summary === undefined) return this.setStatus(this.problem ?? 'Loading the night…', this.problem !== undefined);
    const failures = await this.readForecasts(this.summary);
    this.reportProgress(this.summary, failures);
  }

  /** Reads the stale forecasts, in the table's order, and redraws the table as they come. */
  private async readForecasts(summary: NightSummary): Promise<unknown[]> {
    const byId = new Map(summary.races.map((race) => [race.raceId, race]));
    const stale = this.tableOrder(summary)
      .map((raceId) => byId.get(raceId))
      .filter((race): race is NightRace => race !== undefined && needsForecast(race, this.forecasts.get(race.raceId)));
    return forEachWithLimit(stale, FORECAST_REQUESTS_AT_ONCE, async (race) => {
      const read = await this.fetcher.get<unknown>(this.url(latestKey(race.raceId)));
      if (read.kind === 'unchanged' && this.forecasts.has(race.raceId)) return;
      if (read.kind === 'changed') {
        const forecast = checkForecast(read.body);
        this.forecasts.set(race.raceId, forecast.ok ? { kind: 'ready', forecast: forecast.value } : { kind: 'bad', problem: forecast.problem });
      } else this.forecasts.set(race.raceId, { kind: 'missing' });
      this.scheduleTable();
    });
  }

  private drawSummary(summary: NightSummary): void {
    const seats = seatSection(summary);
    this.heading.replaceChildren(...nightHeading(summary));
    this.seats.replaceChildren(...seats.elements);
    this.figures = seats.figures;
    for (const figure of this.figures) figure.drawPlot();
    const candidates = summary.races.flatMap((race) => race.candidates);
    this.controls.setParties(summary.parties, candidates.some((candidate) => candidate.party === undefined), summary.noSeat !== undefined);
    this.footer.replaceChildren(...nightProvenance(summary, this.url(publishedKeys.summary(summary.electionId))));
    this.root.dataset.electionId = summary.electionId;
    this.root.dataset.races = String(summary.races.length);
    document.title = `${summary.electionName}: forecast of the night`;
    this.drawTable();
  }

  /** The races in the order the table shows them (filtered out ones after), for reading forecasts. */
  private tableOrder(summary: NightSummary): string[] {
    const rows = raceRows(summary, this.forecasts);
    const { filter, order } = this.controls.read();
    const first = sortRows(filterRows(rows, filter), order).map((row) => row.raceId);
    const shown = new Set(first);
    return [...first, ...rows.filter((row) => !shown.has(row.raceId)).map((row) => row.raceId)];
  }

  /** Redraws the table once per frame however many forecasts arrive in it. */
  private scheduleTable(): void {
    this.tableFrame ??= requestAnimationFrame(() => {
      this.tableFrame = undefined;
      this.drawTable();
    });
  }

  private drawTable(): void {
    const summary = this.summary;
    if (summary === undefined) return;
    const rows = raceRows(summary, this.forecasts);
    const { filter, order } = this.controls.read();
    const shown = sortRows(filterRows(rows, filter), order);
    this.tableSlot.replaceChildren(raceTable(shown, this.pageUrl));
    this.shown.textContent = `Showing ${shown.length} of ${rows.length} races.`;
    this.root.dataset.forecastsRead = String(rows.filter((row) => row.forecast.kind === 'ready').length);
  }

  private reportProgress(summary: NightSummary, failures: readonly unknown[]): void {
    const states = summary.races.map((race) => this.forecasts.get(race.raceId)?.kind);
    const bad = states.filter((kind) => kind === 'bad').length;
    const parts = [`Showing ${summary.races.length} races.`];
    if (bad > 0) parts.push(`${bad} forecast${bad === 1 ? ' is' : 's are'} unreadable and left out of the margins.`);
    if (failures.length > 0) parts.push(`${failures.length} forecast${failures.length === 1 ? '' : 's'} could not be read; trying again in ${this.config.pollSeconds} s.`);
    parts.push('The page updates itself when forecasts are published.');
    this.setStatus(parts.join(' '));
  }

  /** Shows why there is no night to show, in place of any shown before, and remembers it. */
  private refuse(problem: string): void {
    this.summary = undefined;
    this.problem = problem;
    this.root.dataset.races = '0';
    this.seats.replaceChildren();
    this.tableSlot.replaceChildren();
    this.shown.textContent = '';
    this.setStatus(problem, true);
  }

  /** Sets the status line only on a change, so that screen readers announce each change once. */
  private setStatus(text: string, problem = false): void {
    this.status.classList.toggle('refused', problem);
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private url(key: string): string {
    return new URL(key, this.config.baseUrl).href;
  }
}
