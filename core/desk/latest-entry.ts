/**
 * The entry recorded last: the greatest `at` (compared as instants, so offsets do not matter), and of
 * entries recorded at the same instant the one later in the list. Undefined for no entries.
 * @example latestEntry([{ at: '2024-11-06T05:00:00Z' }, { at: '2024-11-05T22:00:00-08:00' }]) // the second
 */
export function latestEntry<Entry extends { readonly at: string }>(entries: readonly Entry[]): Entry | undefined {
  let latest: Entry | undefined;
  for (const entry of entries) {
    if (latest === undefined || Date.parse(entry.at) >= Date.parse(latest.at)) latest = entry;
  }
  return latest;
}

/** The entries in the order they were recorded: by `at` as instants, ties kept in list order. */
export function inRecordedOrder<Entry extends { readonly at: string }>(entries: readonly Entry[]): Entry[] {
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ entry }) => entry);
}
