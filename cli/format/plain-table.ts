import Table from 'cli-table3';
import { printable } from './printable.ts';

const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/**
 * A borderless table for terminals: the first `leftColumns` columns left-aligned, the rest right-aligned,
 * or each column aligned as `leftColumns` lists. Every cell goes through `printable`, since names come from
 * count files and may hold control characters.
 */
export function plainTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  leftColumns: number | readonly ('left' | 'right')[] = 1,
): string {
  const table = new Table({
    head: head.map(printable),
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: typeof leftColumns === 'number' ? head.map((_, index) => (index < leftColumns ? 'left' : 'right')) : [...leftColumns],
  });
  table.push(...rows.map((row) => row.map(printable)));
  return table.toString();
}
