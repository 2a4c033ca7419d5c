import type { CountFile, Desk, Release, UnitOverride } from '../schemas/count-file.ts';

/**
 * The desk entries that apply to the forecast of `release`: those recorded before `nextAsOf`, the next
 * release's asOf (all of them when there is none), i.e. while this release or an earlier one was the
 * newest. An override whose unit (or ballot type) is not in the release yet is left out. Empty lists are
 * dropped, and undefined stands for no entries, so a file without desk entries keeps its bytes.
 */
export function deskAsOf(desk: Desk, release: Release, nextAsOf: string | undefined): Desk | undefined {
  const before = (entry: { readonly at: string }) => nextAsOf === undefined || Date.parse(entry.at) < Date.parse(nextAsOf);
  const calls = (desk.calls ?? []).filter(before);
  const overrides = (desk.overrides ?? []).filter((override) => before(override) && overridesPartOf(override, release));
  if (calls.length === 0 && overrides.length === 0) return undefined;
  return { ...(calls.length === 0 ? {} : { calls }), ...(overrides.length === 0 ? {} : { overrides }) };
}

/** Whether the release has the unit, and the ballot type, that an override names. */
export function overridesPartOf(override: UnitOverride, release: Release): boolean {
  const unit = release.units.find((candidate) => candidate.id === override.unit);
  if (unit === undefined) return false;
  if (override.type === undefined) return unit.types === undefined;
  return unit.types !== undefined && Object.hasOwn(unit.types, override.type);
}

/** The count file with its desk entries cut to those of its release `releaseIndex`; releases are left whole. */
export function withDeskAsOf(countFile: CountFile, releaseIndex: number): CountFile {
  if (countFile.desk === undefined) return countFile;
  const { desk: all, ...rest } = countFile;
  const desk = deskAsOf(all, countFile.releases[releaseIndex], countFile.releases[releaseIndex + 1]?.asOf);
  return desk === undefined ? rest : { ...rest, desk };
}
