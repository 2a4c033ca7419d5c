import { formatShare, formatVotes } from '../../../core/summaries/number-format.ts';
import { formatAsOf } from '../as-of.ts';
import { html, type ChartFigure } from '../dom.ts';
import type { NightSummary, SeatCounts } from './night-documents.ts';
import { seatChart, seatsIntro } from './seat-chart.ts';

/** The election's name, how many races, and the newest release any of them is forecast at. */
export function nightHeading(summary: NightSummary): HTMLElement[] {
  const newest = newestAsOf(summary);
  return [
    html('h1', { 'data-testid': 'election-name' }, [summary.electionName]),
    html('p', { class: 'as-of' }, [
      `${formatVotes(summary.races.length)} race${summary.races.length === 1 ? '' : 's'}`,
      newest === undefined ? undefined : ' · newest count ',
      newest === undefined ? undefined : html('time', { datetime: newest }, [formatAsOf(newest)]),
    ]),
  ];
}

/** The latest `asOf` of the races, compared as instants; undefined for a summary of no races. */
export function newestAsOf(summary: Pick<NightSummary, 'races'>): string | undefined {
  let newest: string | undefined;
  for (const race of summary.races) {
    if (newest === undefined || Date.parse(race.asOf) > Date.parse(newest)) newest = race.asOf;
  }
  return newest;
}

/** The seats section's contents: a few words, one chart per party, and the seats of no party and runoffs. */
export function seatSection(summary: NightSummary): { elements: HTMLElement[]; figures: ChartFigure[] } {
  const figures = summary.parties.map((party, position) => seatChart(party, position));
  const others = [
    summary.noParty === undefined ? undefined : otherSeats('Candidates of no party', summary.noParty, 'expected seats'),
    summary.noSeat === undefined ? undefined : otherSeats('Runoffs', summary.noSeat, 'expected races going to a runoff'),
  ].filter((item): item is HTMLElement => item !== undefined);
  return {
    elements: [
      html('h2', {}, ['Seats']),
      seatsIntro(summary.races.length),
      html('div', { class: 'seat-charts' }, figures.map((figure) => figure.element)),
      others.length === 0 ? undefined : html('ul', { class: 'other-seats', 'data-testid': 'other-seats' }, others),
    ].filter((element): element is HTMLElement => element !== undefined),
    figures,
  };
}

function otherSeats(label: string, counts: SeatCounts, unit: string): HTMLElement {
  return html('li', {}, [`${label}: `, html('strong', {}, [counts.expectedSeats.toFixed(1)]), ` ${unit}`]);
}

/** How the summary was made, and where its JSON is. */
export function nightProvenance(summary: NightSummary, summaryUrl: string): HTMLElement[] {
  const item = (label: string, value: string, testId: string) => html('li', {}, [`${label} `, html('span', { 'data-testid': testId }, [value])]);
  return [
    html('ul', { class: 'provenance' }, [
      item('Draws per race', formatVotes(summary.draws), 'draws'),
      item('Monte Carlo error', `±${formatShare(summary.monteCarloError)} pts`, 'monte-carlo-error'),
      item('Model', summary.modelVersion, 'model-version'),
      item('Seed', summary.seed, 'seed'),
    ]),
    html('p', { class: 'sources' }, [
      'Data: ',
      html('a', { href: summaryUrl }, ['summary.json']),
      " and each race's latest.json. Forecast by ballotcast: Monte Carlo draws of how the uncounted ballots could break.",
    ]),
  ];
}
