/** Freezes a value and everything it holds. */
export function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null) for (const member of Object.values(value)) deepFreeze(member);
  return Object.freeze(value);
}

/**
 * Freezes a count file's releases in place, for a reader that keeps the file and forecasts many of its
 * releases (a replay, the backtest): each forecast hashes every release up to its own, and the canonical
 * text of a frozen release is made once (canonical-input.ts). Returns the same file.
 */
export function freezeReleases<File extends { readonly releases: readonly unknown[] }>(countFile: File): File {
  countFile.releases.forEach(deepFreeze);
  return countFile;
}
