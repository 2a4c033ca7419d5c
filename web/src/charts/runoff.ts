import { formatPercent } from '../../../core/summaries/number-format.ts';
import { colourOf, ruleKind } from '../candidates.ts';
import { chartFigure, dataTable, html, type ChartFigure } from '../dom.ts';
import type { CandidateForecast, Forecast } from '../published.ts';

/** Candidates who advance in fewer draws than this are left off the bars (they stay in the table). */
const SHOW_THRESHOLD = 0.0005;

/**
 * For majority races, the chance of a runoff and who is likely to advance to it; for top-two races, who is
 * likely to finish in the top two. Undefined for plurality races.
 */
export function runoffChart(forecast: Forecast): ChartFigure | undefined {
  const kind = ruleKind(forecast);
  if (kind === 'plurality') return undefined;
  const ranked = [...forecast.candidates].sort((a, b) => (b.advanceProbability ?? 0) - (a.advanceProbability ?? 0));
  const likely = ranked.slice(0, 2).map((candidate) => `${candidate.name ?? candidate.id} (${formatPercent(candidate.advanceProbability ?? 0)})`);
  const advancing = html('p', { class: 'likely-advance' }, [
    kind === 'majority' ? 'Most likely to advance: ' : 'Most likely to finish in the top two: ',
    html('span', { 'data-testid': 'likely-advance' }, [likely.join(' and ')]),
  ]);
  const shown = ranked.filter((candidate) => (candidate.advanceProbability ?? 0) >= SHOW_THRESHOLD);
  return chartFigure({
    id: 'runoff',
    title: kind === 'majority' ? 'Runoff' : 'Who advances',
    summary: kind === 'majority' ? runoffHeadline(forecast) : `The top two finishers advance.`,
    body: html('div', {}, [advancing, html('ol', { class: 'bars' }, shown.map((candidate) => advanceBar(forecast, candidate, kind)))]),
    note: ranked.length > shown.length ? `${ranked.length - shown.length} other candidates advance in fewer than 0.1% of draws.` : undefined,
    tables: [advanceTable(forecast, ranked, kind)],
  });
}

function runoffHeadline(forecast: Forecast): HTMLElement {
  const threshold = forecast.rule?.kind === 'majority' ? (forecast.rule.threshold ?? 0.5) : 0.5;
  return html('p', {}, [
    'Chance of a runoff: ',
    html('strong', { class: 'headline-number', 'data-testid': 'runoff-probability' }, [formatPercent(forecast.runoffProbability ?? 0)]),
    ` (nobody passes ${Math.round(threshold * 100)}% of the vote).`,
  ]);
}

function advanceBar(forecast: Forecast, candidate: CandidateForecast, kind: string): HTMLElement {
  const advance = candidate.advanceProbability ?? 0;
  const fill = html('span', { class: 'bar-fill' });
  fill.style.width = `${(advance * 100).toFixed(2)}%`;
  fill.style.backgroundColor = colourOf(forecast, candidate.id);
  const detail = kind === 'majority' ? `Wins outright ${formatPercent(candidate.outrightProbability ?? 0)}` : undefined;
  return html('li', { class: 'bar-row' }, [
    html('span', { class: 'bar-name' }, [candidate.name ?? candidate.id]),
    html('span', { class: 'bar-value', 'data-testid': 'advance-probability', 'data-candidate': candidate.id }, [formatPercent(advance)]),
    html('span', { class: 'bar-track', 'aria-hidden': 'true' }, [fill]),
    detail === undefined ? undefined : html('span', { class: 'bar-detail' }, [detail]),
  ]);
}

function advanceTable(forecast: Forecast, ranked: readonly CandidateForecast[], kind: string): HTMLElement {
  const head = kind === 'majority' ? ['Candidate', 'Advances (outright or to the runoff)', 'Wins outright', 'Finishes first'] : ['Candidate', 'Finishes in the top two', 'Finishes first'];
  const rows = ranked.map((candidate) => [
    candidate.name ?? candidate.id,
    formatPercent(candidate.advanceProbability ?? 0),
    ...(kind === 'majority' ? [formatPercent(candidate.outrightProbability ?? 0)] : []),
    formatPercent(candidate.winProbability),
  ]);
  const caption = kind === 'majority' ? `Chance of advancing, by candidate; chance of a runoff ${formatPercent(forecast.runoffProbability ?? 0)}` : 'Chance of finishing in the top two, by candidate';
  return dataTable(caption, head, rows);
}
