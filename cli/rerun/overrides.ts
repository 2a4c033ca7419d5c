import { parseCountFile, type CountFile, type Unit } from '../../core/schemas/index.ts';
import { UsageError } from '../usage-error.ts';

/**
 * Applies `--set` overrides to the last release of a count file and returns a checked copy. Forms, where
 * UNIT is a unit id or `*` for every unit:
 *   UNIT.outstanding.expected=N   (also low, high; `*F` scales the present value, e.g. `*1.2`)
 *   UNIT.outstanding.lean=bass:0.55,caruso:0.45
 *   UNIT.counted.CANDIDATE=N
 */
export function applyOverrides(countFile: CountFile, overrides: readonly string[]): CountFile {
  const copy = structuredClone(countFile);
  const release = copy.releases[copy.releases.length - 1];
  for (const override of overrides) {
    const match = /^([^.=]+)\.(outstanding\.(?:expected|low|high|lean)|counted\.[^.=]+)=(.+)$/.exec(override);
    if (match === null) throw new UsageError(`--set ${override}: expected UNIT.outstanding.expected=N, UNIT.outstanding.lean=a:0.5,b:0.5 or UNIT.counted.CANDIDATE=N`);
    const [, unitId, field, value] = match;
    const units = unitId === '*' ? release.units : release.units.filter((unit) => unit.id === unitId);
    if (units.length === 0) throw new UsageError(`--set ${override}: no unit "${unitId}" in the last release`);
    for (const unit of units) setField(unit, field, value, override);
  }
  const checked = parseCountFile(copy);
  if (!checked.ok) throw new UsageError('the overrides make the count file invalid', checked.errors);
  return checked.value;
}

function setField(unit: Unit, field: string, value: string, override: string): void {
  if (field === 'outstanding.lean') {
    unit.outstanding.lean = Object.fromEntries(
      value.split(',').map((pair) => {
        const [candidate, share] = pair.split(':');
        return [candidate, numberOrFail(share, override)];
      }),
    );
    return;
  }
  const [group, key] = field.split('.') as ['outstanding' | 'counted', string];
  const target = (group === 'outstanding' ? unit.outstanding : unit.counted) as Record<string, number | undefined>;
  const present = target[key];
  const next = value.startsWith('*') ? Math.round((present ?? 0) * numberOrFail(value.slice(1), override)) : numberOrFail(value, override);
  target[key] = next;
}

function numberOrFail(text: string | undefined, override: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--set ${override}: "${text}" is not a number`);
  return value;
}
