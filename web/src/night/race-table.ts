import { formatPercent, formatSignedPoints, formatVotes } from '../../../core/summaries/number-format.ts';
import { formatAsOf } from '../as-of.ts';
import { html } from '../dom.ts';
import { OTHER_COLOUR, RUNOFF_COLOUR, candidateColour } from '../palette.ts';
import { raceHref } from './night-config.ts';
import type { RaceRow, SeatChance, SeatHolder } from './race-rows.ts';

/** How many of a race's chances the table names; the bar above them shows all of them. */
const CHANCES_NAMED = 2;

/** Signed points, as the race page writes margins: '+1.2 pts'. */
const points = (share: number): string => `${formatSignedPoints(share)} pts`;

/** The colour of a seat holder: its party's, in the summary's order, grey for no party, dark for a runoff. */
export function holderColour(holder: SeatHolder): string {
  if (holder.kind === 'party') return candidateColour(holder.index);
  return holder.kind === 'no-party' ? OTHER_COLOUR : RUNOFF_COLOUR;
}

/**
 * The share counted as a whole percent, rounded down so that a race is at 100% only when nothing more is
 * expected: 0.996 → '99%'.
 */
export const formatCounted = (share: number): string => `${Math.floor(share * 100 + 1e-9)}%`;

/** The races' table, its rows in the order given: each race links to its own page at `pageUrl`'s side. */
export function raceTable(rows: readonly RaceRow[], pageUrl: string): HTMLTableElement {
  return html('table', { class: 'races', 'data-testid': 'race-table' }, [
    html('caption', { class: 'visually-hidden' }, ['Every race of the election: chances of the seat, projected margin and share counted']),
    html('thead', {}, [
      html('tr', {}, ['Race', 'Chance of the seat', 'Projected margin', 'Counted'].map((label) => html('th', { scope: 'col' }, [label]))),
    ]),
    html('tbody', {}, rows.map((row) => raceRowElement(row, pageUrl))),
  ]);
}

function raceRowElement(row: RaceRow, pageUrl: string): HTMLTableRowElement {
  return html('tr', { 'data-race-id': row.raceId }, [
    html('th', { scope: 'row', class: 'race-cell' }, [
      html('a', { href: raceHref(pageUrl, row.raceId), 'data-testid': 'race-link' }, [row.raceName]),
      html('span', { class: 'cell-detail' }, [`Release ${formatVotes(row.releaseIndex + 1)}, ${formatAsOf(row.asOf)}`]),
    ]),
    html('td', { class: 'chance-cell', 'data-label': 'Chance of the seat' }, [chanceBar(row.chances), chanceList(row.chances), ...callNote(row)]),
    html('td', { class: 'margin-cell', 'data-label': 'Projected margin' }, marginCell(row)),
    html('td', { class: 'counted-cell', 'data-label': 'Counted' }, countedCell(row)),
  ]);
}

/**
 * Every chance as a stretch of one bar, in the holders' colours and in one order for every race (drawn
 * only; the list says it in words).
 */
function chanceBar(chances: readonly SeatChance[]): HTMLElement {
  const parts = [...chances]
    .sort((a, b) => compareHolders(a.holder, b.holder))
    .filter((chance) => chance.probability > 0)
    .map((chance) => {
      const part = html('span');
      part.style.width = `${(chance.probability * 100).toFixed(2)}%`;
      part.style.backgroundColor = holderColour(chance.holder);
      return part;
    });
  return html('span', { class: 'chance-track', 'aria-hidden': 'true' }, parts);
}

/** Parties in the summary's order, then candidates of no party, then a runoff. */
function compareHolders(a: SeatHolder, b: SeatHolder): number {
  const rank = (holder: SeatHolder) => (holder.kind === 'party' ? holder.index : holder.kind === 'no-party' ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER);
  return rank(a) - rank(b);
}

/** "Called for X by Y (desk); the model gave X 34%": the call beside the model's own chance, for a called race. */
function callNote(row: RaceRow): HTMLElement[] {
  const call = row.call;
  if (call === undefined) return [];
  const model = call.modelProbability === undefined ? '' : `; the model gave ${call.candidate} ${formatPercent(call.modelProbability)}`;
  return [html('p', { class: 'cell-detail night-call', 'data-testid': 'night-call', 'data-source': call.source }, [`Called for ${call.candidate} by ${call.by}${call.source === 'desk' ? ' (desk)' : ''}${model}`])];
}

function chanceList(chances: readonly SeatChance[]): HTMLElement {
  return html(
    'ul',
    { class: 'chance-list' },
    chances.slice(0, CHANCES_NAMED).map((chance, index) =>
      html('li', {}, [`${chance.label} `, html('strong', index === 0 ? { 'data-testid': 'top-chance' } : {}, [formatPercent(chance.probability)])]),
    ),
  );
}

/** The median margin of the top two and its 90% range, or why there is none yet. */
function marginCell(row: RaceRow): (HTMLElement | string)[] {
  if (row.margin === undefined) return [forecastNote(row)];
  const { first, second, p05, p50, p95 } = row.margin;
  return [
    html('span', { class: 'cell-main' }, [`${first} `, html('strong', { 'data-testid': 'margin-median' }, [points(p50)])]),
    html('span', { class: 'cell-detail', 'data-testid': 'margin-range' }, [`90%: ${points(p05)} to ${points(p95)} over ${second}`]),
  ];
}

function countedCell(row: RaceRow): (HTMLElement | string)[] {
  // An unreadable forecast is said once, in the margin's cell.
  if (row.countedShare === undefined) return row.forecast.kind === 'ready' || row.forecast.kind === 'bad' ? ['—'] : [forecastNote(row)];
  const fill = html('span', { class: 'counted-fill' });
  fill.style.width = `${(row.countedShare * 100).toFixed(2)}%`;
  return [html('strong', { 'data-testid': 'counted' }, [formatCounted(row.countedShare)]), html('span', { class: 'counted-track', 'aria-hidden': 'true' }, [fill])];
}

/** Loading, not published yet, or unreadable (with the schema's words in a tooltip), for a row without numbers. */
function forecastNote(row: RaceRow): HTMLElement {
  const state = row.forecast;
  if (state.kind === 'bad') return html('span', { class: 'cell-note bad', title: state.problem, 'data-testid': 'forecast-bad' }, ['Forecast unreadable']);
  if (state.kind === 'missing') return html('span', { class: 'cell-note' }, ['No forecast yet']);
  return html('span', { class: 'cell-note' }, [state.kind === 'ready' ? '—' : 'Loading…']);
}
