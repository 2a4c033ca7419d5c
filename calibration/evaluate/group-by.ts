/**
 * Groups items by a label, in order of first appearance. The input is not changed.
 * @example groupBy([{ rule: 'a' }, { rule: 'b' }, { rule: 'a' }], (item) => item.rule) // Map { a => [2 items], b => [1 item] }
 */
export function groupBy<Item>(items: readonly Item[], labelOf: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const label = labelOf(item);
    const group = groups.get(label);
    if (group === undefined) groups.set(label, [item]);
    else group.push(item);
  }
  return groups;
}
