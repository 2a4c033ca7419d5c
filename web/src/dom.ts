// Small DOM builders. Text from the published JSON always goes in as text nodes, never as markup.

type Attributes = Readonly<Record<string, string | number | undefined>>;
type Child = Node | string | undefined;

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** An HTML element with attributes (undefined ones left out) and children (strings become text). */
export function html<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attributes, children);
}

/** An SVG element, as `html` does for HTML. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, children: readonly Child[] = []): SVGElementTagNameMap[K] {
  return fill(document.createElementNS(SVG_NAMESPACE, tag), attributes, children);
}

function fill<E extends Element>(element: E, attributes: Attributes, children: readonly Child[]): E {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child !== undefined) element.append(child);
  }
  return element;
}

/**
 * A table for screen readers, hidden from sight: the text equivalent of a chart, with every number the chart
 * draws. `rows` are cells in the order of `head`; the first cell of each row is its header. (The wrapper,
 * not the table, is hidden: a table does not clip its caption, which would widen the page.)
 */
export function dataTable(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const table = html('table', {}, [
    html('caption', {}, [caption]),
    html('thead', {}, [html('tr', {}, head.map((label) => html('th', { scope: 'col' }, [label])))]),
    html('tbody', {}, rows.map((cells) => html('tr', {}, cells.map((cell, column) => (column === 0 ? html('th', { scope: 'row' }, [cell]) : html('td', {}, [cell])))))),
  ]);
  return html('div', { class: 'visually-hidden' }, [table]);
}

/** One fact of a `<dl class="facts">`: a term, its value (with a test id) and an optional line under it. */
export function fact(term: string, value: string, testId: string, detail?: string): HTMLElement {
  return html('div', {}, [
    html('dt', {}, [term]),
    html('dd', {}, [html('span', { 'data-testid': testId }, [value]), detail === undefined ? undefined : html('span', { class: 'fact-detail' }, [detail])]),
  ]);
}

/** A figure whose drawing is made to the width it gets on the page, and remade when that width changes. */
export interface ChartFigure {
  readonly element: HTMLElement;
  /** Draws (again) at the current width of the figure's plot area; call it once the figure is in the page. */
  drawPlot(): void;
}

/**
 * A chart as a figure: a heading, a visible summary in words, the drawing (hidden from screen readers, which
 * read the summary and the tables instead), an optional caption and the data tables.
 */
export function chartFigure(options: {
  readonly id: string;
  readonly title: string;
  readonly summary: Node | string;
  /** HTML content shown before the drawing, read by screen readers. */
  readonly body?: Node;
  /** The drawing, made for a width in CSS pixels. */
  readonly plot?: (width: number) => Element;
  readonly tables: readonly HTMLElement[];
  readonly note?: Node | string;
}): ChartFigure {
  const titleId = `${options.id}-title`;
  const slot = options.plot === undefined ? undefined : html('div', { class: 'plot', 'aria-hidden': 'true' });
  const element = html('figure', { class: 'chart', 'data-testid': options.id, 'aria-labelledby': titleId }, [
    html('h2', { id: titleId }, [options.title]),
    html('div', { class: 'chart-summary', 'data-testid': `${options.id}-summary` }, [options.summary]),
    options.body,
    slot,
    options.note === undefined ? undefined : html('figcaption', {}, [options.note]),
    ...options.tables,
  ]);
  let drawnWidth = -1;
  const drawPlot = () => {
    if (slot === undefined || options.plot === undefined) return;
    const width = Math.floor(slot.clientWidth);
    if (width === drawnWidth || width === 0) return;
    drawnWidth = width;
    slot.replaceChildren(options.plot(width));
  };
  return { element, drawPlot };
}
