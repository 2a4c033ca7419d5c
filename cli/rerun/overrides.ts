import { parseCountFile, type CountFile, type Release, type Unit } from '../../core/schemas/index.ts';
import { UsageError } from '../usage-error.ts';

/** The field part of an override; ids hold no "=", and may hold ".", so the unit is found by its id. */
const FIELD = /^(?:outstanding\.(?:expected|low|high|lean)|counted\..+)$/;
const FORMS = 'expected UNIT.outstanding.expected=N, UNIT.outstanding.lean=a:0.5,b:0.5 or UNIT.counted.CANDIDATE=N';

/**
 * Applies `--set` overrides to the last release of a count file and returns a checked copy. Forms, where
 * UNIT is a unit id or `*` for every unit:
 *   UNIT.outstanding.expected=N   (also low, high; `*F` scales the present value, e.g. `*1.2`); a new
 *                                 expected scales low and high by the same ratio (see scaleRange)
 *   UNIT.outstanding.lean=bass:0.55,caruso:0.45
 *   UNIT.counted.CANDIDATE=N
 */
export function applyOverrides(countFile: CountFile, overrides: readonly string[]): CountFile {
  const copy = structuredClone(countFile);
  const release = copy.releases[copy.releases.length - 1];
  for (const override of overrides) {
    const equals = override.indexOf('=');
    if (equals < 0 || equals === override.length - 1) throw new UsageError(`--set ${override}: ${FORMS}`);
    const { units, field } = overrideTarget(override.slice(0, equals), release, override);
    for (const unit of units) setField(unit, field, override.slice(equals + 1), override);
  }
  const checked = parseCountFile(copy);
  if (!checked.ok) throw new UsageError('the overrides make the count file invalid', checked.errors);
  return checked.value;
}

/**
 * The units and field that `target` (the part before "=") names. Unit ids may hold ".", so the unit is the
 * longest id of the release that the target starts with, followed by a field; `*.` is every unit.
 */
function overrideTarget(target: string, release: Release, override: string): { units: Unit[]; field: string } {
  if (target.startsWith('*.') && FIELD.test(target.slice(2))) return { units: release.units, field: target.slice(2) };
  const named = release.units
    .filter((unit) => target.startsWith(`${unit.id}.`) && FIELD.test(target.slice(unit.id.length + 1)))
    .sort((a, b) => b.id.length - a.id.length)[0];
  if (named !== undefined) return { units: [named], field: target.slice(named.id.length + 1) };
  const unitId = /^(.+?)\.(?:outstanding|counted)\./.exec(target)?.[1];
  if (unitId === undefined || !FIELD.test(target.slice(unitId.length + 1))) throw new UsageError(`--set ${override}: ${FORMS}`);
  throw new UsageError(`--set ${override}: no unit "${unitId}" in the last release`);
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
  const dot = field.indexOf('.');
  const group = field.slice(0, dot);
  const key = field.slice(dot + 1);
  const target = (group === 'outstanding' ? unit.outstanding : unit.counted) as Record<string, number | undefined>;
  // Own keys only: "toString" or "__proto__" must not reach Object.prototype. Every candidate is an own
  // key of `counted` in a valid file, so any other key is not a candidate.
  const present = Object.hasOwn(target, key) ? target[key] : undefined;
  if (group === 'counted' && present === undefined) throw new UsageError(`--set ${override}: no candidate "${key}" in unit "${unit.id}"`);
  const next = value.startsWith('*') ? Math.round((present ?? 0) * numberOrFail(value.slice(1), override)) : numberOrFail(value, override);
  target[key] = next;
  if (group === 'outstanding' && key === 'expected') scaleRange(unit.outstanding, present ?? 0, next);
}

/**
 * Moves the stated 90% range with a changed estimate, so that `expected=*1.5` (or `expected=N`) keeps
 * low <= expected <= high: low and high are multiplied by the same ratio, new expected / old expected.
 * When the old estimate was 0 there is no ratio, and a range around 0 says nothing about the new
 * estimate, so low and high are dropped (the model then draws around the estimate alone). A later
 * `--set UNIT.outstanding.low=` or `high=` still overrides the result, as overrides apply in order.
 */
function scaleRange(outstanding: Unit['outstanding'], previous: number, next: number): void {
  if (previous === 0) {
    delete outstanding.low;
    delete outstanding.high;
    return;
  }
  // Rounding keeps the order (rounding is monotone); min and max only guard against a float's last bit.
  if (outstanding.low !== undefined) outstanding.low = Math.min(next, Math.round((outstanding.low * next) / previous));
  if (outstanding.high !== undefined) outstanding.high = Math.max(next, Math.round((outstanding.high * next) / previous));
}

function numberOrFail(text: string | undefined, override: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--set ${override}: "${text}" is not a number`);
  return value;
}
