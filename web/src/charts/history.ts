import { formatPercent, formatSignedPoints } from '../../../core/summaries/number-format.ts';
import { formatAsOf, formatDay } from '../as-of.ts';
import { nameOf, ruleKind } from '../candidates.ts';
import { chartFigure, dataTable, html, svg, type ChartFigure } from '../dom.ts';
import { candidateColour, RUNOFF_COLOUR } from '../palette.ts';
import { winChanceAt, type Forecast, type HistoryPoint } from '../published.ts';
import { linearScale, type LinearScale } from '../scale.ts';

const HEIGHT = 240;
const PAD = { left: 40, right: 14, top: 10, bottom: 30 };
/** A candidate gets a line if their chance reached this at some release. */
const DRAW_THRESHOLD = 0.01;
/** The closest two day labels on the x axis may be, in pixels. */
const MIN_LABEL_GAP = 46;

/** One line of the chart: a candidate's chance, or the chance of a runoff. */
interface Series {
  /** The candidate's id, or RUNOFF_KEY. */
  readonly key: string;
  readonly label: string;
  readonly colour: string;
  readonly shape: Shape;
  readonly dashed: boolean;
  readonly value: (point: HistoryPoint) => number | undefined;
}

/** The key of the runoff line: holds ":", which no id may, so a candidate called "runoff" is still a candidate. */
const RUNOFF_KEY = 'ballotcast:runoff';

type Shape = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'ring';
const SHAPES: readonly Shape[] = ['circle', 'square', 'diamond', 'triangle', 'triangle-down'];

/**
 * The chance over the night, one point per published release: a line per candidate whose chance reached 1%
 * (plus the chance of a runoff in majority races), with a marker at every release. Releases are evenly
 * spaced, since most of them come on election night; the axis names the day each one came.
 */
export function historyChart(forecast: Forecast, points: readonly HistoryPoint[]): ChartFigure {
  const series = chartSeries(forecast, points);
  const hidden = forecast.candidates.length - series.filter((line) => line.key !== RUNOFF_KEY).length;
  return chartFigure({
    id: 'history',
    title: ruleKind(forecast) === 'plurality' ? 'Chance of winning, release by release' : 'Chance of finishing first, release by release',
    summary: historySummary(forecast, points),
    body: legend(series, points.at(-1)),
    plot: (width) => historyPlot(series, points, width),
    note: hidden > 0 ? `Not drawn: ${hidden} candidate${hidden === 1 ? '' : 's'} whose chance never reached 1%.` : undefined,
    tables: [historyTable(forecast, series, points)],
  });
}

function chartSeries(forecast: Forecast, points: readonly HistoryPoint[]): Series[] {
  const drawn = forecast.candidates
    .map((candidate, position) => ({ candidate, position }))
    .filter(({ candidate }) => points.some((point) => (winChanceAt(point, candidate.id) ?? 0) >= DRAW_THRESHOLD));
  const series: Series[] = drawn.map(({ candidate, position }) => ({
    key: candidate.id,
    label: candidate.name ?? candidate.id,
    colour: candidateColour(position),
    shape: SHAPES[position % SHAPES.length],
    dashed: false,
    value: (point) => winChanceAt(point, candidate.id),
  }));
  if (ruleKind(forecast) === 'majority') {
    series.push({ key: RUNOFF_KEY, label: 'Runoff', colour: RUNOFF_COLOUR, shape: 'ring', dashed: true, value: (point) => point.runoffProbability });
  }
  return series;
}

/** "Karen Bass: 62.3% at release 1 (Nov 8), 56.6% at release 15 (Nov 10)." for the current leader. */
function historySummary(forecast: Forecast, points: readonly HistoryPoint[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) return 'No release has a forecast yet.';
  const leader = [...forecast.candidates].sort((a, b) => b.winProbability - a.winProbability)[0];
  const at = (point: HistoryPoint) => `${formatPercent(winChanceAt(point, leader.id) ?? 0)} at release ${point.releaseIndex + 1} (${formatDay(point.asOf)})`;
  const count = `${points.length} release${points.length === 1 ? '' : 's'} forecast.`;
  return points.length === 1 ? `${nameOf(forecast, leader.id)}: ${at(last)}. ${count}` : `${nameOf(forecast, leader.id)}: ${at(first)}, ${at(last)}. ${count}`;
}

function legend(series: readonly Series[], latest: HistoryPoint | undefined): HTMLElement {
  return html('ul', { class: 'legend' }, series.map((line) => {
    const value = latest === undefined ? undefined : line.value(latest);
    return html('li', {}, [
      svg('svg', { width: 26, height: 12, viewBox: '0 0 26 12', 'aria-hidden': 'true' }, [
        svg('line', { x1: 1, x2: 25, y1: 6, y2: 6, stroke: line.colour, 'stroke-width': 2, 'stroke-dasharray': line.dashed ? '4 3' : undefined }),
        marker(line, 13, 6),
      ]),
      ` ${line.label}${value === undefined ? '' : ` ${formatPercent(value)}`}`,
    ]);
  }));
}

function historyPlot(series: readonly Series[], points: readonly HistoryPoint[], width: number): SVGSVGElement {
  const first = points[0]?.releaseIndex ?? 0;
  const last = points.at(-1)?.releaseIndex ?? 0;
  const x = linearScale([first, last], [PAD.left + 8, width - PAD.right - 8]);
  const y = linearScale([0, 1], [HEIGHT - PAD.bottom, PAD.top]);
  return svg('svg', { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'history-plot' }, [
    ...grid(y, width),
    ...dayLabels(points, x),
    ...series.map((line) => seriesPath(line, points, x, y)),
    ...points.map((point) => releaseMarker(series, point, x, y)),
  ]);
}

/** Gridlines at 0, 25, 50, 75 and 100%, the 50% one stronger. */
function grid(y: LinearScale, width: number): SVGElement[] {
  return [0, 0.25, 0.5, 0.75, 1].flatMap((value) => [
    svg('line', { class: value === 0.5 ? 'grid-line grid-half' : 'grid-line', x1: PAD.left, x2: width - PAD.right, y1: y(value), y2: y(value) }),
    svg('text', { class: 'tick-label', x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, [`${value * 100}%`]),
  ]);
}

/** The day of the first release of each day, where there is room for its label. */
function dayLabels(points: readonly HistoryPoint[], x: LinearScale): SVGElement[] {
  const labels: SVGElement[] = [];
  let previousDay = '';
  let previousX = -Infinity;
  for (const point of points) {
    const day = formatDay(point.asOf);
    const position = x(point.releaseIndex);
    if (day === previousDay) continue;
    previousDay = day;
    if (position - previousX < MIN_LABEL_GAP) continue;
    previousX = position;
    labels.push(svg('text', { class: 'tick-label', x: position, y: HEIGHT - PAD.bottom + 18, 'text-anchor': 'middle' }, [day]));
  }
  return labels;
}

function seriesPath(line: Series, points: readonly HistoryPoint[], x: LinearScale, y: LinearScale): SVGElement {
  const commands = points
    .map((point) => ({ point, value: line.value(point) }))
    .filter((entry): entry is { point: HistoryPoint; value: number } => entry.value !== undefined)
    .map(({ point, value }, index) => `${index === 0 ? 'M' : 'L'}${x(point.releaseIndex).toFixed(1)},${y(value).toFixed(1)}`);
  return svg('path', {
    class: 'series-line',
    d: commands.join(''),
    stroke: line.colour,
    'stroke-dasharray': line.dashed ? '5 4' : undefined,
    'data-series': line.key,
  });
}

/** The marks of one release: a marker on every line. */
function releaseMarker(series: readonly Series[], point: HistoryPoint, x: LinearScale, y: LinearScale): SVGElement {
  const marks = series.flatMap((line) => {
    const value = line.value(point);
    return value === undefined ? [] : [marker(line, x(point.releaseIndex), y(value))];
  });
  return svg('g', { class: 'release-marker', 'data-release': point.releaseIndex }, marks);
}

/** A marker of the line's shape centred on (cx, cy), so that lines differ in more than colour. */
function marker(line: Series, cx: number, cy: number): SVGElement {
  const size = 3.6;
  const fill = line.shape === 'ring' ? '#ffffff' : line.colour;
  const common = { fill, stroke: line.shape === 'ring' ? line.colour : '#ffffff', 'stroke-width': line.shape === 'ring' ? 1.5 : 0.8 };
  if (line.shape === 'circle' || line.shape === 'ring') return svg('circle', { cx, cy, r: size, ...common });
  if (line.shape === 'square') return svg('rect', { x: cx - size, y: cy - size, width: 2 * size, height: 2 * size, ...common });
  const corners: Record<Exclude<Shape, 'circle' | 'ring' | 'square'>, [number, number][]> = {
    diamond: [[0, -1.35], [1.35, 0], [0, 1.35], [-1.35, 0]],
    triangle: [[0, -1.3], [1.2, 0.9], [-1.2, 0.9]],
    'triangle-down': [[0, 1.3], [1.2, -0.9], [-1.2, -0.9]],
  };
  const pointsText = corners[line.shape].map(([dx, dy]) => `${(cx + dx * size).toFixed(1)},${(cy + dy * size).toFixed(1)}`).join(' ');
  return svg('polygon', { points: pointsText, ...common });
}

function historyTable(forecast: Forecast, series: readonly Series[], points: readonly HistoryPoint[]): HTMLElement {
  const head = ['Release', 'As of', ...series.map((line) => line.label), 'Median margin'];
  const rows = points.map((point) => [
    String(point.releaseIndex + 1),
    formatAsOf(point.asOf),
    ...series.map((line) => {
      const value = line.value(point);
      return value === undefined ? '—' : formatPercent(value);
    }),
    `${nameOf(forecast, point.margin.between[0])} ${formatSignedPoints(point.margin.p50)} pts`,
  ]);
  return dataTable('Chance by release', head, rows);
}
