import { formatShare, formatVotes } from '../../../core/summaries/number-format.ts';
import { chartFigure, dataTable, fact, html, svg, type ChartFigure } from '../dom.ts';
import type { CandidateForecast, Forecast } from '../published.ts';
import { linearScale, type LinearScale } from '../scale.ts';

const HEIGHT = 92;
const PAD = { left: 4, right: 4, top: 8 };
const BAR_HEIGHT = 26;

/**
 * Votes counted against the votes the office expects are still to count, as one bar, with the model's 90%
 * range of the outstanding votes drawn under it. Undefined for a forecast without counts.
 */
export function countChart(forecast: Forecast): ChartFigure | undefined {
  const counted = forecast.votesCounted;
  const outstanding = forecast.votesOutstanding;
  if (counted === undefined || outstanding === undefined) return undefined;
  const total = counted + outstanding.expected;
  const percentCounted = total === 0 ? 100 : Math.round((counted / total) * 100);
  const facts = html('dl', { class: 'facts' }, [
    fact('Counted', formatVotes(counted), 'votes-counted', `${percentCounted}% of the expected total`),
    fact('Expected outstanding', formatVotes(outstanding.expected), 'votes-outstanding', "the office's estimate"),
    fact('Model’s 90% range', `${formatVotes(outstanding.p05)}–${formatVotes(outstanding.p95)}`, 'votes-outstanding-range', 'of the votes still to count'),
    ...pathsToVictory(forecast).map((candidate) => pathFact(forecast, candidate)),
  ]);
  return chartFigure({
    id: 'count',
    title: 'Votes counted and still to count',
    summary:
      outstanding.expected === 0
        ? `${formatVotes(counted)} votes counted; the office expects no more.`
        : `${formatVotes(counted)} votes counted; about ${formatVotes(outstanding.expected)} more expected.`,
    body: facts,
    plot: (width) => countPlot(counted, outstanding, width),
    tables: [countTable(forecast)],
  });
}

type Outstanding = NonNullable<Forecast['votesOutstanding']>;

/** How many trailing candidates' paths to victory the panel shows: the closest behind the leader. */
const PATHS_SHOWN = 2;

/** The trailing candidates who can still draw level, most votes counted first (`pathToVictory`). */
function pathsToVictory(forecast: Forecast): CandidateForecast[] {
  return forecast.candidates
    .filter((candidate) => candidate.pathToVictory?.reachable === true)
    .sort((a, b) => (a.pathToVictory?.votesBehind ?? 0) - (b.pathToVictory?.votesBehind ?? 0))
    .slice(0, PATHS_SHOWN);
}

const nameOf = (forecast: Forecast, id: string): string => forecast.candidates.find((candidate) => candidate.id === id)?.name ?? id;

/** '50.4%' of the votes still expected, that Karen Bass needs to draw level with Rick Caruso. */
function pathFact(forecast: Forecast, candidate: CandidateForecast): HTMLElement {
  const path = candidate.pathToVictory!;
  return fact(
    `${candidate.name ?? candidate.id} needs`,
    `${formatShare(path.shareNeeded)}%`,
    `path-to-victory-${candidate.id}`,
    `of the votes still expected, to draw level with ${nameOf(forecast, path.leader)} (${formatVotes(path.votesBehind)} behind)`,
  );
}

function countPlot(counted: number, outstanding: Outstanding, width: number): SVGSVGElement {
  const end = Math.max(counted + outstanding.expected, counted + outstanding.p95, 1);
  const x = linearScale([0, end], [PAD.left, width - PAD.right]);
  const top = PAD.top;
  return svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'count-plot' }, [
    svg('defs', {}, [
      svg('pattern', { id: 'outstanding-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        svg('rect', { width: 6, height: 6, fill: '#e8e8e8' }),
        svg('line', { x1: 0, x2: 0, y1: 0, y2: 6, stroke: '#767676', 'stroke-width': 2 }),
      ]),
    ]),
    svg('rect', { class: 'counted-bar', x: x(0), y: top, width: x(counted) - x(0), height: BAR_HEIGHT }),
    svg('rect', { class: 'outstanding-bar', x: x(counted), y: top, width: x(counted + outstanding.expected) - x(counted), height: BAR_HEIGHT, fill: 'url(#outstanding-hatch)' }),
    svg('text', { class: 'bar-label', x: x(0) + 6, y: top + BAR_HEIGHT / 2 + 4 }, [x(counted) - x(0) > 70 ? 'counted' : '']),
    ...rangeWhisker(x, counted + outstanding.p05, counted + outstanding.p95, top + BAR_HEIGHT + 12),
    whiskerLabel(x, counted + (outstanding.p05 + outstanding.p95) / 2, HEIGHT - 10),
  ]);
}

/** 'model’s 90% range of the total' centred under the whisker, but kept inside the drawing. */
function whiskerLabel(x: LinearScale, middle: number, baseline: number): SVGElement {
  const text = 'model’s 90% range of the total';
  const halfWidth = (text.length * 6.2) / 2;
  const [left, right] = x.range;
  const centre = Math.min(Math.max(x(middle), left + halfWidth), right - halfWidth);
  return svg('text', { class: 'tick-label', x: centre, y: baseline, 'text-anchor': 'middle' }, [text]);
}

function rangeWhisker(x: LinearScale, low: number, high: number, middle: number): SVGElement[] {
  return [
    svg('line', { class: 'whisker', x1: x(low), x2: x(high), y1: middle, y2: middle }),
    svg('line', { class: 'whisker', x1: x(low), x2: x(low), y1: middle - 6, y2: middle + 6 }),
    svg('line', { class: 'whisker', x1: x(high), x2: x(high), y1: middle - 6, y2: middle + 6 }),
  ];
}

function countTable(forecast: Forecast): HTMLElement {
  const outstanding = forecast.votesOutstanding;
  const rows = [
    ['Votes counted', formatVotes(forecast.votesCounted ?? 0)],
    ...forecast.candidates.map((candidate) => [`Counted for ${candidate.name ?? candidate.id}`, formatVotes(candidate.votesCounted ?? 0)]),
    ['Expected outstanding (office’s estimate)', formatVotes(outstanding?.expected ?? 0)],
    ['Outstanding, model’s mean', formatVotes(outstanding?.mean ?? 0)],
    ['Outstanding, model’s 5th percentile', formatVotes(outstanding?.p05 ?? 0)],
    ['Outstanding, model’s 95th percentile', formatVotes(outstanding?.p95 ?? 0)],
    ...forecast.candidates.flatMap((candidate) => {
      const path = candidate.pathToVictory;
      if (path === undefined) return [];
      const value = path.reachable ? `${formatShare(path.shareNeeded)}% of the outstanding votes` : 'out of reach';
      return [[`${candidate.name ?? candidate.id} needs to draw level with ${nameOf(forecast, path.leader)}`, value]];
    }),
  ];
  return dataTable('Votes counted and outstanding', ['Quantity', 'Value'], rows);
}
