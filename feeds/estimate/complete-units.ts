import type { Outstanding, Unit } from '../../core/schemas/index.ts';
import type { ObservedPart, ObservedUnit } from '../observation.ts';
import { splitByType } from './split-by-type.ts';
import { votesCounted } from '../../core/schemas/votes-counted.ts';

/** A unit with no estimate of its own borrows the median total; its 90% range is a quarter to 4 times that. */
const BORROWED_LOW = 0.25;
const BORROWED_HIGH = 4;

/** The units of an observation, ready for a release; or why there is none (no reason: nothing counted yet). */
export type CompletedUnits = { readonly units: Unit[] } | { readonly skipped: string | undefined };

/**
 * The units of one observation with an outstanding estimate on every unit and ballot type:
 * - a unit's own estimate, or the sum of its types' estimates when every type has one;
 * - otherwise the median expected total (counted + outstanding) of the units that have an estimate, less
 *   what the unit has counted, with a 90% range of a quarter to four times that median;
 * - a type without an estimate gets a share of its unit's, in proportion to its counted votes (splitByType).
 * Skipped, silently, when nothing is counted and no unit has an estimate (counting has not started); with a
 * reason when votes are counted but no unit has any estimate to go by.
 */
export function completeUnits(units: readonly ObservedUnit[]): CompletedUnits {
  const own = units.map(ownEstimate);
  const totals = units.flatMap((unit, index) => (own[index] === undefined ? [] : [votesCounted(unit) + own[index].expected]));
  if (totals.length === 0) {
    if (units.every((unit) => votesCounted(unit) === 0)) return { skipped: undefined };
    return { skipped: 'votes are counted but no unit has an estimate of the votes outstanding (eevp, precincts, registered voters or outstanding_expected)' };
  }
  const median = medianOf(totals);
  const completed = units.map((unit, index): Unit => {
    const outstanding = own[index] ?? borrowedEstimate(votesCounted(unit), median);
    return {
      id: unit.id,
      ...(unit.name === undefined ? {} : { name: unit.name }),
      counted: { ...unit.counted },
      outstanding,
      ...(unit.types === undefined ? {} : { types: completeTypes(unit.types, outstanding) }),
    };
  });
  return { units: completed };
}

/** The unit's estimate, or its types' summed when each has one; low and high only when every part has them. */
function ownEstimate(unit: ObservedUnit): Outstanding | undefined {
  if (unit.outstanding !== undefined) return unit.outstanding;
  const parts = Object.values(unit.types ?? {});
  if (parts.length === 0 || parts.some((part) => part.outstanding === undefined)) return undefined;
  const estimates = parts.map((part) => part.outstanding as Outstanding);
  const sum = (values: (number | undefined)[]) => (values.every((value) => value !== undefined) ? values.reduce((a, b) => a + b, 0) : undefined);
  const low = sum(estimates.map((estimate) => estimate.low));
  const high = sum(estimates.map((estimate) => estimate.high));
  return { expected: sum(estimates.map((estimate) => estimate.expected)) as number, ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}

function borrowedEstimate(counted: number, medianTotal: number): Outstanding {
  const beyond = (total: number) => Math.max(0, Math.round(total) - counted);
  return { expected: beyond(medianTotal), low: beyond(medianTotal * BORROWED_LOW), high: beyond(medianTotal * BORROWED_HIGH) };
}

function completeTypes(types: Readonly<Record<string, ObservedPart>>, outstanding: Outstanding): Unit['types'] {
  const names = Object.keys(types);
  const split = names.every((name) => types[name].outstanding !== undefined)
    ? undefined
    : splitByType(outstanding, Object.fromEntries(names.map((name) => [name, votesCounted(types[name])])));
  return Object.fromEntries(names.map((name) => [name, { counted: { ...types[name].counted }, outstanding: types[name].outstanding ?? (split as Record<string, Outstanding>)[name] }]));
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
