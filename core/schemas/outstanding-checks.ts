import type { Outstanding } from './outstanding.ts';

/** Where a problem is, as zod paths are. */
export type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;

/** A stated lean names every candidate of the race, and no other, with shares summing to 1. */
export function checkLean(lean: Outstanding['lean'] | null, candidateIds: readonly string[], path: Path, report: Report): void {
  if (lean === undefined || lean === null) return;
  const known = new Set(candidateIds);
  for (const id of Object.keys(lean)) if (!known.has(id)) report([...path, id], `unknown candidate "${id}"`);
  for (const id of candidateIds) if (!Object.hasOwn(lean, id)) report(path, `missing candidate "${id}"`);
  const total = Object.values(lean).reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > 1e-6) report(path, `expected shares summing to 1, got ${total}`);
}

/** low <= expected <= high, where given; `unitPath` is the path of what holds `outstanding`. */
export function checkOutstandingRange(outstanding: Pick<Outstanding, 'expected' | 'low' | 'high'>, unitPath: Path, report: Report): void {
  const { expected, low, high } = outstanding;
  const path = [...unitPath, 'outstanding'];
  if (low !== undefined && low > expected) report([...path, 'low'], `expected low <= expected, got ${low} > ${expected}`);
  if (high !== undefined && high < expected) report([...path, 'high'], `expected high >= expected, got ${high} < ${expected}`);
}
