import { formatSignedPoints, formatSignedVotes, formatVotes } from '../../../core/summaries/number-format.ts';
import { colourOf, nameOf } from '../candidates.ts';
import { chartFigure, dataTable, fact, html, svg, type ChartFigure } from '../dom.ts';
import type { Forecast } from '../published.ts';
import { linearScale, niceTicks, type LinearScale } from '../scale.ts';

const HEIGHT = 190;
const PAD = { left: 12, right: 12, top: 22, bottom: 58 };
/** Half the width of the axis when all draws agree, so that a settled race still shows a bar. */
const SETTLED_HALF_WIDTH = 0.01;
/** The axis leaves off bins beyond the central 99% of the draws: the tails would squeeze the rest. */
const TAIL_SHARE = 0.005;

/** 'pts' after signed points, as the CLI prints them: +0.6 pts. */
export const points = (share: number): string => `${formatSignedPoints(share)} pts`;

/**
 * The projected final margin between the top two: the median, the 50% and 90% ranges in words, and the
 * histogram of the draws with those ranges drawn under it.
 */
export function marginChart(forecast: Forecast): ChartFigure {
  const { between, share, votes } = forecast.margin;
  const [first, second] = between.map((id) => nameOf(forecast, id));
  const facts = html('dl', { class: 'facts' }, [
    fact('Median', points(share.p50), 'margin-median', `${formatSignedVotes(votes.p50)} votes`),
    fact('50% range', `${points(share.p25)} to ${points(share.p75)}`, 'margin-range-50'),
    fact('90% range', `${points(share.p05)} to ${points(share.p95)}`, 'margin-range-90', `${formatSignedVotes(votes.p05)} to ${formatSignedVotes(votes.p95)} votes`),
  ]);
  const bins = visibleBins(forecast);
  const trimmed = bins.first > 0 || bins.last < forecast.margin.histogram.counts.length - 1;
  return chartFigure({
    id: 'margin',
    title: 'Projected final margin',
    summary: `${first} minus ${second}, in percentage points of all votes. Positive means ${first} finishes ahead.`,
    body: facts,
    plot: (width) => marginPlot(forecast, bins, width),
    note:
      `Bars: how many of the ${formatVotes(forecast.draws)} draws ended with each margin` +
      `${trimmed ? ' (the most extreme 1% of draws are off the axis)' : ''}. Under them, the 90% range (thin) and the 50% range (thick), with the median.`,
    tables: [quantileTable(forecast), histogramTable(forecast)],
  });
}

/** The histogram's bins to draw, first to last: those holding the central 99% of the draws. */
interface BinRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The bins from the first whose cumulative count passes 0.5% of the draws to the last whose preceding
 * cumulative count is under 99.5%.
 * @example bins with counts [1, 500, 498, 1] → { first: 1, last: 2 }
 */
export function visibleBins(forecast: Forecast): BinRange {
  const { counts } = forecast.margin.histogram;
  const total = counts.reduce((sum, count) => sum + count, 0);
  let first = 0;
  let last = counts.length - 1;
  for (let bin = 0, below = 0; bin < counts.length; bin += 1) {
    below += counts[bin];
    if (below > total * TAIL_SHARE) {
      first = bin;
      break;
    }
  }
  for (let bin = counts.length - 1, above = 0; bin >= 0; bin -= 1) {
    above += counts[bin];
    if (above > total * TAIL_SHARE) {
      last = bin;
      break;
    }
  }
  return { first, last: Math.max(first, last) };
}

/** The x scale: the visible bins, zero, the 90% range and a little room, over the width. */
function marginScale(forecast: Forecast, bins: BinRange, width: number): LinearScale {
  const edges = forecast.margin.histogram.binEdges;
  let low = Math.min(0, edges[bins.first] ?? 0, forecast.margin.share.p05);
  let high = Math.max(0, edges[bins.last + 1] ?? edges[bins.last] ?? 0, forecast.margin.share.p95);
  if (high - low < 2 * SETTLED_HALF_WIDTH) {
    low -= SETTLED_HALF_WIDTH;
    high += SETTLED_HALF_WIDTH;
  }
  const room = (high - low) * 0.04;
  return linearScale([low - room, high + room], [PAD.left, width - PAD.right]);
}

function marginPlot(forecast: Forecast, bins: BinRange, width: number): SVGSVGElement {
  const x = marginScale(forecast, bins, width);
  const baseline = HEIGHT - PAD.bottom;
  return svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'margin-plot' }, [
    ...histogramBars(forecast, bins, x, baseline),
    ...axis(forecast, x, baseline),
    ...rangeBars(forecast, x, baseline + 30),
  ]);
}

/** One bar per bin, in the colour of the candidate that bin's margins favour. */
function histogramBars(forecast: Forecast, bins: BinRange, x: LinearScale, baseline: number): SVGElement[] {
  const { binEdges, counts } = forecast.margin.histogram;
  const tallest = Math.max(1, ...counts);
  const [first, second] = forecast.margin.between.map((id) => colourOf(forecast, id));
  return counts.slice(bins.first, bins.last + 1).map((count, offset) => {
    const bin = bins.first + offset;
    const left = x(binEdges[bin]);
    const right = x(binEdges[bin + 1] ?? binEdges[bin]);
    const barWidth = Math.max(right - left - 1, 4);
    const barHeight = (count / tallest) * (baseline - PAD.top);
    const middle = (binEdges[bin] + (binEdges[bin + 1] ?? binEdges[bin])) / 2;
    return svg('rect', {
      class: 'histogram-bar',
      x: (left + right) / 2 - barWidth / 2,
      y: baseline - barHeight,
      width: barWidth,
      height: barHeight,
      fill: middle >= 0 ? first : second,
    });
  });
}

/** The zero line, the tick labels in signed points, and which side is whose. */
function axis(forecast: Forecast, x: LinearScale, baseline: number): SVGElement[] {
  const [low, high] = x.domain;
  const [left, right] = x.range;
  const ticks = niceTicks(low, high, Math.max(2, Math.floor((right - left) / 70)));
  const [first, second] = forecast.margin.between.map((id) => nameOf(forecast, id));
  return [
    svg('line', { class: 'axis-line', x1: left, x2: right, y1: baseline, y2: baseline }),
    ...ticks.map((tick) => svg('text', { class: 'tick-label', x: x(tick), y: baseline + 14, 'text-anchor': 'middle' }, [tickPoints(tick)])),
    svg('line', { class: 'zero-line', x1: x(0), x2: x(0), y1: PAD.top - 4, y2: baseline }),
    svg('text', { class: 'side-label', x: right, y: PAD.top - 8, 'text-anchor': 'end' }, [`${first} ahead →`]),
    svg('text', { class: 'side-label', x: left, y: PAD.top - 8, 'text-anchor': 'start' }, [`← ${second} ahead`]),
  ];
}

/** A tick's label in signed points, without a needless decimal: 0.2 → '+20', -0.025 → '−2.5', 0 → '0'. */
export function tickPoints(share: number): string {
  const tenths = Math.round(share * 1000);
  if (tenths === 0) return '0';
  const magnitude = Math.abs(tenths) % 10 === 0 ? String(Math.abs(tenths) / 10) : (Math.abs(tenths) / 10).toFixed(1);
  return `${tenths > 0 ? '+' : '−'}${magnitude}`;
}

/** The 90% range as a thin bar, the 50% range as a thick one, and the median as a tick. */
function rangeBars(forecast: Forecast, x: LinearScale, middle: number): SVGElement[] {
  const { share } = forecast.margin;
  return [
    svg('line', { class: 'range-90', x1: x(share.p05), x2: x(share.p95), y1: middle, y2: middle }),
    svg('line', { class: 'range-50', x1: x(share.p25), x2: x(share.p75), y1: middle, y2: middle }),
    svg('circle', { class: 'range-median', cx: x(share.p50), cy: middle, r: 5 }),
    svg('text', { class: 'tick-label', x: x(share.p50), y: middle + 22, 'text-anchor': 'middle' }, [`median ${formatSignedPoints(share.p50)}`]),
  ];
}

function quantileTable(forecast: Forecast): HTMLElement {
  const { share, votes } = forecast.margin;
  const rows: [string, number, number][] = [
    ['5th percentile', share.p05, votes.p05],
    ['25th percentile', share.p25, votes.p25],
    ['Median', share.p50, votes.p50],
    ['75th percentile', share.p75, votes.p75],
    ['95th percentile', share.p95, votes.p95],
    ['Mean', share.mean, votes.mean],
  ];
  const [first, second] = forecast.margin.between.map((id) => nameOf(forecast, id));
  return dataTable(`Final margin, ${first} minus ${second}`, ['Statistic', 'Points', 'Votes'], rows.map(([label, shareValue, voteValue]) => [label, points(shareValue), formatSignedVotes(voteValue)]));
}

function histogramTable(forecast: Forecast): HTMLElement {
  const { binEdges, counts } = forecast.margin.histogram;
  const rows = counts.map((count, bin) => [`${points(binEdges[bin])} to ${points(binEdges[bin + 1] ?? binEdges[bin])}`, formatVotes(count)]);
  return dataTable(`Draws by final margin (${formatVotes(forecast.draws)} draws)`, ['Margin', 'Draws'], rows);
}
