import type { CountFile, Outstanding, Release, Unit, UnitOverride } from '../schemas/count-file.ts';
import { overridesPartOf } from './desk-as-of.ts';
import { inRecordedOrder } from './latest-entry.ts';

/** What stands for one unit (or ballot type): an estimate and a lean, each undefined for the release's own. */
interface StandingOverride {
  outstanding?: Pick<Outstanding, 'expected' | 'low' | 'high'>;
  lean?: Outstanding['lean'];
}

/**
 * The count file as the model reads it: the newest release with the desk's overrides in place of the
 * office's figures. For each unit (or ballot type) and field the latest override stands; null goes back to
 * the release's own. An estimate replaces expected, low and high together (the release's lean is kept); a
 * lean replaces the centre of the shares, and the model keeps its uncertainty around it. A unit that reports
 * types gets the sum of its types' expected votes. Returns the file itself when nothing is overridden.
 */
export function withDeskOverrides(countFile: CountFile): CountFile {
  const overrides = countFile.desk?.overrides ?? [];
  if (overrides.length === 0) return countFile;
  const newestIndex = countFile.releases.length - 1;
  const standing = standingOverrides(overrides, countFile.releases[newestIndex]);
  const releases = countFile.releases.map((release, index) => (index === newestIndex ? overriddenRelease(release, standing) : release));
  return { ...countFile, releases };
}

/**
 * The units (or ballot types, as `unit/type`: the ids the model gives them) whose estimate in the newest
 * release is the desk's. The model takes these as given: the office's track record does not rescale them.
 */
export function deskEstimateIds(countFile: CountFile): ReadonlySet<string> {
  const overrides = countFile.desk?.overrides ?? [];
  if (overrides.length === 0) return new Set();
  const standing = standingOverrides(overrides, countFile.releases[countFile.releases.length - 1]);
  return new Set([...standing].flatMap(([key, override]) => (override.outstanding === undefined ? [] : [key])));
}

/** The standing override of each unit or type, keyed `unit` or `unit/type` (ids hold no "/"). */
function standingOverrides(overrides: readonly UnitOverride[], release: Release): ReadonlyMap<string, StandingOverride> {
  const standing = new Map<string, StandingOverride>();
  for (const override of inRecordedOrder(overrides)) {
    if (!overridesPartOf(override, release)) continue;
    const key = override.type === undefined ? override.unit : `${override.unit}/${override.type}`;
    const current = standing.get(key) ?? {};
    if (override.outstanding !== undefined) current.outstanding = override.outstanding ?? undefined;
    if (override.lean !== undefined) current.lean = override.lean ?? undefined;
    standing.set(key, current);
  }
  return standing;
}

function overriddenRelease(release: Release, standing: ReadonlyMap<string, StandingOverride>): Release {
  return { ...release, units: release.units.map((unit) => overriddenUnit(unit, standing)) };
}

function overriddenUnit(unit: Unit, standing: ReadonlyMap<string, StandingOverride>): Unit {
  if (unit.types === undefined) {
    const override = standing.get(unit.id);
    return override === undefined ? unit : { ...unit, outstanding: overriddenOutstanding(unit.outstanding, override) };
  }
  const types = Object.fromEntries(
    Object.entries(unit.types).map(([name, part]) => {
      const override = standing.get(`${unit.id}/${name}`);
      return [name, override === undefined ? part : { ...part, outstanding: overriddenOutstanding(part.outstanding, override) }];
    }),
  );
  // The model reads the types' estimates; the unit's total is kept equal to their sum for the summary.
  const expected = Object.values(types).reduce((sum, part) => sum + part.outstanding.expected, 0);
  const { low: _low, high: _high, ...rest } = unit.outstanding;
  return { ...unit, outstanding: expected === unit.outstanding.expected ? unit.outstanding : { ...rest, expected }, types };
}

function overriddenOutstanding(outstanding: Outstanding, override: StandingOverride): Outstanding {
  const estimate = override.outstanding ?? outstanding;
  const lean = override.lean ?? outstanding.lean;
  return {
    expected: estimate.expected,
    ...(estimate.low === undefined ? {} : { low: estimate.low }),
    ...(estimate.high === undefined ? {} : { high: estimate.high }),
    ...(lean === undefined ? {} : { lean }),
  };
}
