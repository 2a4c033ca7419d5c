import type { CountFile } from './count-file.ts';
import type { Desk, UnitOverride } from './desk.ts';
import { checkLean, checkOutstandingRange, type Report } from './outstanding-checks.ts';

/**
 * Checks the desk's calls and overrides against the race: a call names one of its candidates; an override
 * names a unit of the newest release (every unit ever reported is there), and one of its ballot types when
 * it reports types; a lean names every candidate with shares summing to 1; low <= expected <= high.
 */
export function checkDesk(file: CountFile, desk: Desk, report: Report): void {
  const candidateIds = file.race.candidates.map((candidate) => candidate.id);
  desk.calls?.forEach((call, index) => {
    if (call.candidate !== null && !candidateIds.includes(call.candidate)) {
      report(['desk', 'calls', index, 'candidate'], `unknown candidate "${call.candidate}"; the race's candidates are ${candidateIds.join(', ')}`);
    }
  });
  const newest = file.releases[file.releases.length - 1];
  desk.overrides?.forEach((override, index) => {
    const path = ['desk', 'overrides', index];
    const unit = newest.units.find((candidate) => candidate.id === override.unit);
    if (unit === undefined) {
      report([...path, 'unit'], `unknown unit "${override.unit}"; the newest release's units are ${newest.units.map((known) => known.id).join(', ')}`);
      return;
    }
    checkOverrideType(override, Object.keys(unit.types ?? {}), path, report);
    if (override.outstanding !== undefined && override.outstanding !== null) checkOutstandingRange(override.outstanding, path, report);
    checkLean(override.lean, candidateIds, [...path, 'lean'], report);
  });
}

/** A unit that reports ballot types is overridden one type at a time, since the model forecasts each type apart. */
function checkOverrideType(override: UnitOverride, types: readonly string[], path: (string | number)[], report: Report): void {
  if (types.length === 0 && override.type !== undefined) {
    report([...path, 'type'], `unit "${override.unit}" reports no ballot types; leave "type" out`);
  } else if (types.length > 0 && override.type === undefined) {
    report([...path, 'type'], `unit "${override.unit}" reports ballot types (${types.join(', ')}); name the one to override`);
  } else if (override.type !== undefined && !types.includes(override.type)) {
    report([...path, 'type'], `unit "${override.unit}" has no ballot type "${override.type}"; its types are ${types.join(', ')}`);
  }
}
