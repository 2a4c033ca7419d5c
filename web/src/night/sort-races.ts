import type { RaceRow } from './race-rows.ts';

/** The orders the table offers, by the value of its sort control. */
export const SORT_ORDERS = {
  name: 'Race name, A to Z',
  closest: 'Closest chances first',
  margin: 'Narrowest margin first',
  'least-counted': 'Least counted first',
  'most-counted': 'Most counted first',
} as const;

export type SortOrder = keyof typeof SORT_ORDERS;

export const isSortOrder = (value: string): value is SortOrder => Object.hasOwn(SORT_ORDERS, value);

/**
 * The rows in `order`, as a new array; ties, and rows whose forecast is not read yet (which sort last for
 * margin and counted orders), keep the order of race names, then ids.
 */
export function sortRows(rows: readonly RaceRow[], order: SortOrder): RaceRow[] {
  const key = SORT_KEYS[order];
  return [...rows].sort((a, b) => compareKeys(key(a), key(b)) || byName(a, b));
}

/** Each order as a key per row, smallest first; undefined (not known yet) after every number. */
const SORT_KEYS: Record<SortOrder, (row: RaceRow) => number | undefined> = {
  name: () => 0,
  closest: (row) => row.topChance,
  margin: (row) => (row.margin === undefined ? undefined : Math.abs(row.margin.p50)),
  'least-counted': (row) => row.countedShare,
  'most-counted': (row) => (row.countedShare === undefined ? undefined : -row.countedShare),
};

function compareKeys(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return a - b;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function byName(a: RaceRow, b: RaceRow): number {
  return collator.compare(a.raceName, b.raceName) || (a.raceId < b.raceId ? -1 : a.raceId > b.raceId ? 1 : 0);
}
