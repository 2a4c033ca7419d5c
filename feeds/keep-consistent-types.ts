import type { Release, Unit } from '../core/schemas/index.ts';

/**
 * The releases, with the ballot types of a unit left out everywhere when the feed did not keep reporting
 * them: a count file requires a unit to report every type it has reported in every later release, and
 * types are an optional refinement, so a unit whose types came and went is kept as a whole unit.
 */
export function keepConsistentTypes(releases: readonly Release[]): Release[] {
  const seen = new Map<string, Set<string>>();
  const broken = new Set<string>();
  for (const release of releases) {
    for (const unit of release.units) {
      const names = new Set(Object.keys(unit.types ?? {}));
      const before = seen.get(unit.id) ?? new Set<string>();
      if ([...before].some((name) => !names.has(name))) broken.add(unit.id);
      seen.set(unit.id, new Set([...before, ...names]));
    }
  }
  if (broken.size === 0) return [...releases];
  const strip = (unit: Unit): Unit => {
    if (!broken.has(unit.id)) return unit;
    const { types: _types, ...rest } = unit;
    return rest;
  };
  return releases.map((release) => ({ ...release, units: release.units.map(strip) }));
}
