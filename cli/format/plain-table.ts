import Table from 'cli-table3';

const NO_BORDERS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/** A borderless table for terminals: the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function plainTable(head: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const table = new Table({
    head: [...head],
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: head.map((_, index) => (index < leftColumns ? 'left' : 'right')),
  });
  table.push(...rows.map((row) => [...row]));
  return table.toString();
}
