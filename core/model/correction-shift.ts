import type { Release } from '../schemas/count-file.ts';

/**
 * How far the counts would move if this release's corrections were wrong: per candidate, summed over the
 * units marked `correction` here, the unit's count at its previous release less its count now. A feed that
 * had to correct itself may still be wrong (two counts swapped, a reset, a typo fixed the next day), so the
 * model keeps the counts before the correction as a live possibility (see `correctionDoubt`). Undefined when
 * no unit is marked, or none of the marked ones has an earlier release.
 * @example correctionShift(
 *   { asOf: 't2', units: [{ id: 'u', counted: { a: 60, b: 100 }, outstanding: { expected: 0 }, correction: true }] },
 *   { asOf: 't1', units: [{ id: 'u', counted: { a: 100, b: 60 }, outstanding: { expected: 0 } }] }, ['a', 'b'])
 * // Float64Array [40, -40]: a swap of 40 votes, undone
 */
export function correctionShift(
  release: Release,
  previous: Release | undefined,
  candidateIds: readonly string[],
): Float64Array | undefined {
  if (previous === undefined) return undefined;
  const before = new Map(previous.units.map((unit) => [unit.id, unit]));
  let shift: Float64Array | undefined;
  for (const unit of release.units) {
    const earlier = before.get(unit.id);
    if (unit.correction !== true || earlier === undefined) continue;
    shift ??= new Float64Array(candidateIds.length);
    candidateIds.forEach((id, index) => (shift![index] += earlier.counted[id] - unit.counted[id]));
  }
  return shift;
}
