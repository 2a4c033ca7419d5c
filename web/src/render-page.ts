import { countChart } from './charts/count.ts';
import { historyChart } from './charts/history.ts';
import { marginChart } from './charts/margin.ts';
import { runoffChart } from './charts/runoff.ts';
import { winChanceChart } from './charts/win-chance.ts';
import { html, type ChartFigure } from './dom.ts';
import { pageHeading, provenance } from './page-parts.ts';
import type { RaceDocuments } from './published.ts';

/** The parts of the page that the forecast fills. */
export interface PageSlots {
  readonly heading: HTMLElement;
  readonly charts: HTMLElement;
  readonly footer: HTMLElement;
}

/**
 * Draws the whole forecast into the slots, replacing what was there, and returns the figures so their plots
 * can be redrawn when the page's width changes. The panels flow in two columns on wide screens, one on
 * phones; the chart of the night runs across the whole width under them.
 */
export function renderPage(slots: PageSlots, documents: RaceDocuments, sources: { latest: string; history: string }): ChartFigure[] {
  const { forecast, history } = documents;
  const panels = [winChanceChart(forecast), runoffChart(forecast), countChart(forecast), marginChart(forecast)].filter(
    (figure): figure is ChartFigure => figure !== undefined,
  );
  const night = historyChart(forecast, history.points);
  const figures = [...panels, night];
  slots.heading.replaceChildren(...pageHeading(forecast));
  slots.charts.replaceChildren(html('div', { class: 'panels' }, panels.map((figure) => figure.element)), night.element);
  slots.footer.replaceChildren(...provenance(forecast, sources));
  for (const figure of figures) figure.drawPlot();
  return figures;
}
