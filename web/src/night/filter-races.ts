import type { RaceRow, SeatHolder } from './race-rows.ts';

/** A race is close while its favourite's chance is below this: the "close races only" filter. */
export const CLOSE_RACE_CHANCE = 0.9;

/** What the table's filter controls ask for. */
export interface RaceFilter {
  /** Words to find in the race's name, id or candidates' names, any case; '' for every race. */
  readonly text: string;
  /** Only races whose favourite is of this party ('party:ID'), of no party, a runoff; '' for any. */
  readonly favourite: string;
  /** Only races whose favourite's chance is below CLOSE_RACE_CHANCE. */
  readonly closeOnly: boolean;
}

export const NO_FILTER: RaceFilter = { text: '', favourite: '', closeOnly: false };

/** The value of the favourite control that picks races whose favourite is `holder`. */
export function favouriteValue(holder: SeatHolder): string {
  return holder.kind === 'party' ? `party:${holder.id}` : holder.kind;
}

/** The rows that pass every part of `filter`, in their order. Each word of the text must match. */
export function filterRows(rows: readonly RaceRow[], filter: RaceFilter): RaceRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter((word) => word !== '');
  return rows.filter(
    (row) =>
      words.every((word) => row.searchText.includes(word)) &&
      (filter.favourite === '' || (row.chances[0] !== undefined && favouriteValue(row.chances[0].holder) === filter.favourite)) &&
      (!filter.closeOnly || row.topChance < CLOSE_RACE_CHANCE),
  );
}
