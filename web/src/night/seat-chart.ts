import { formatPercent, formatVotes } from '../../../core/summaries/number-format.ts';
import { chartFigure, dataTable, html, svg, type ChartFigure } from '../dom.ts';
import { candidateColour } from '../palette.ts';
import { linearScale, niceTicks, type LinearScale } from '../scale.ts';
import type { PartySeats } from './night-documents.ts';
import { seatChartModel, type SeatChartModel } from './seat-chart-model.ts';

const HEIGHT = 180;
const PAD = { left: 40, right: 10, top: 34, bottom: 30 };

/** Seats to one decimal: 4.2. */
const formatSeats = (seats: number): string => seats.toFixed(1);

/**
 * One party's seats over the night: a bar for the chance of exactly N seats, a dashed line at the expected
 * seats and, with three races or more, a solid line where a majority starts. Its summary says the same in
 * words, and its table gives every bar's chance, exactly and at least.
 */
export function seatChart(party: PartySeats, position: number): ChartFigure {
  const model = seatChartModel(party);
  const colour = candidateColour(position);
  const figure = chartFigure({
    id: `seats-${position}`,
    title: `${party.name}: seats`,
    summary: seatSummary(party, model),
    plot: (width) => seatPlot(model, colour, width),
    note: `Bars: the chance of winning exactly that many of the ${formatVotes(model.raceCount)} seats. Dashed: the expected seats${model.majority === undefined ? '' : '; solid: a majority'}.`,
    tables: [seatTable(party, model)],
  });
  figure.element.dataset.party = party.id;
  return figure;
}

/** 'Expected 4.2 of 7 seats; most likely 4 (31.0%), 5 (28.2%) or 3 (20.1%). A majority (4 or more): 61.0%.' */
export function seatSummary(party: PartySeats, model: SeatChartModel): string {
  const likely = party.mostLikely.map((count) => `${count.seats} (${formatPercent(count.probability)})`);
  const listed = likely.length <= 1 ? likely.join('') : `${likely.slice(0, -1).join(', ')} or ${likely.at(-1)}`;
  const majority = model.majority === undefined ? '' : ` A majority (${model.majority.seats} or more): ${formatPercent(model.majority.probability)}.`;
  return `Expected ${formatSeats(model.expectedSeats)} of ${formatVotes(model.raceCount)} seats; most likely ${listed}.${majority}`;
}

function seatPlot(model: SeatChartModel, colour: string, width: number): SVGSVGElement {
  const first = model.bars[0]?.seats ?? 0;
  const last = model.bars.at(-1)?.seats ?? 0;
  const x = linearScale([first - 0.5, last + 0.5], [PAD.left, width - PAD.right]);
  const tallest = Math.max(...model.bars.map((bar) => bar.probability), 0.01);
  const baseline = HEIGHT - PAD.bottom;
  const y = linearScale([0, tallest], [baseline, PAD.top]);
  const step = x(1) - x(0);
  const barWidth = Math.max(1, step * (step > 6 ? 0.8 : 1) - (step > 6 ? 0 : 0.5));
  return svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'seat-plot' }, [
    ...yAxis(y, width),
    ...model.bars.map((bar) =>
      svg('rect', { class: 'seat-bar', x: x(bar.seats) - barWidth / 2, y: y(bar.probability), width: barWidth, height: baseline - y(bar.probability), fill: colour }),
    ),
    ...xAxis(x, baseline, first, last),
    ...markers(model, x, baseline),
  ]);
}

/** Grid lines at round chances, labelled in percent. */
function yAxis(y: LinearScale, width: number): SVGElement[] {
  const [low, high] = y.domain;
  return niceTicks(low, high, 3).flatMap((tick) => [
    svg('line', { class: 'grid-line', x1: PAD.left, x2: width - PAD.right, y1: y(tick), y2: y(tick) }),
    svg('text', { class: 'tick-label', x: PAD.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, [`${Math.round(tick * 100)}%`]),
  ]);
}

/** The baseline and whole seat counts under it, as many as fit. */
function xAxis(x: LinearScale, baseline: number, first: number, last: number): SVGElement[] {
  const [left, right] = x.range;
  const ticks = niceTicks(first, last, Math.max(2, Math.floor((right - left) / 50))).filter((tick) => Number.isInteger(tick));
  return [
    svg('line', { class: 'axis-line', x1: left, x2: right, y1: baseline, y2: baseline }),
    ...ticks.map((tick) => svg('text', { class: 'tick-label', x: x(tick), y: baseline + 16, 'text-anchor': 'middle' }, [String(tick)])),
  ];
}

/** The expected seats (dashed) and the start of a majority (solid), each where it falls on the axis. */
function markers(model: SeatChartModel, x: LinearScale, baseline: number): SVGElement[] {
  const [low, high] = x.domain;
  const inside = (value: number) => value >= low && value <= high;
  const marks: SVGElement[] = [];
  const line = (cls: string, at: number, label: string, anchor: string, row: number) => [
    svg('line', { class: cls, x1: x(at), x2: x(at), y1: PAD.top - 4 - row * 12, y2: baseline }),
    svg('text', { class: 'side-label', x: x(at), y: PAD.top - 8 - row * 12, 'text-anchor': anchor }, [label]),
  ];
  const majority = model.majority;
  if (majority !== undefined && inside(majority.seats - 0.5)) marks.push(...line('majority-line', majority.seats - 0.5, `majority ${majority.seats}`, 'start', 1));
  if (inside(model.expectedSeats)) marks.push(...line('expected-line', model.expectedSeats, `expected ${formatSeats(model.expectedSeats)}`, 'end', 0));
  return marks;
}

function seatTable(party: PartySeats, model: SeatChartModel): HTMLElement {
  const rows = model.bars.map((bar) => [String(bar.seats), formatPercent(bar.probability), formatPercent(party.atLeast[bar.seats] ?? 0)]);
  return dataTable(`${party.name}: chance of each number of seats`, ['Seats', 'Exactly', 'At least'], rows);
}

/** The heading of the seats section: how the seats add up, in words, for the parties' charts to follow. */
export function seatsIntro(raceCount: number): HTMLElement {
  return html('p', { class: 'section-intro' }, [
    `Each draw of the forecast is one possible night across all ${formatVotes(raceCount)} races (draw k of every race shares the election's swing), so the seats are counted draw by draw, not race by race.`,
  ]);
}
