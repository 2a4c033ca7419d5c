import { checkDesk } from '../schemas/desk-checks.ts';
import { formatPath, type DeskEntry, type Race, type Release } from '../schemas/index.ts';

/**
 * Checks a desk entry posted for a race against the race and its newest release (undefined before the first),
 * with the count file's own rules (checkDesk). Problems are `field: reason` lines naming fields of the
 * posted entry, e.g. `candidate: unknown candidate "dan"; …`; none when it is fine.
 */
export function deskEntryProblems(race: Race, newest: Release | undefined, entry: DeskEntry): string[] {
  const desk = entry.kind === 'call' ? { calls: [entry.call] } : { overrides: [entry.override] };
  const problems: string[] = [];
  // The entry's path in the file is desk.calls[0] or desk.overrides[0]: what follows names its field.
  checkDesk({ schemaVersion: 1, race, releases: newest === undefined ? [] : [newest], desk }, desk, (path, message) =>
    problems.push(`${formatPath(path.slice(3))}: ${message}`),
  );
  return problems;
}
