import type { Outstanding } from '../../core/schemas/index.ts';

/**
 * Splits a unit's outstanding votes among its ballot types in proportion to the votes each type has
 * counted so far (equally when none has any), for feeds that give one estimate per unit but counts per type.
 * This assumes the late votes come in the mix of the early ones; it is the only split the feed supports.
 * Expected votes are shared by largest remainder, so the types add up to the unit exactly; each type's low
 * is rounded down and its high up, so that low <= expected <= high holds for every type.
 * @example splitByType({ expected: 10, low: 5, high: 20 }, { mail: 3, day: 1 })
 *   // { mail: { expected: 8, low: 3, high: 15 }, day: { expected: 2, low: 1, high: 5 } }
 */
export function splitByType(outstanding: Outstanding, countedByType: Readonly<Record<string, number>>): Record<string, Outstanding> {
  const names = Object.keys(countedByType);
  const counted = names.reduce((sum, name) => sum + countedByType[name], 0);
  const share = (name: string) => (counted > 0 ? countedByType[name] / counted : 1 / names.length);
  const expected = largestRemainder(outstanding.expected, names.map(share));
  return Object.fromEntries(
    names.map((name, index) => {
      const part: Outstanding = { expected: expected[index] };
      if (outstanding.low !== undefined) part.low = Math.min(part.expected, Math.floor(outstanding.low * share(name)));
      if (outstanding.high !== undefined) part.high = Math.max(part.expected, Math.ceil(outstanding.high * share(name)));
      return [name, part];
    }),
  );
}

/** Whole numbers in proportion to `shares` (summing to 1) that add up to `total` exactly. */
function largestRemainder(total: number, shares: readonly number[]): number[] {
  const exact = shares.map((share) => total * share);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((sum, value) => sum + value, 0);
  const order = exact.map((value, index) => index).sort((a, b) => exact[b] - whole[b] - (exact[a] - whole[a]) || a - b);
  for (const index of order) {
    if (left <= 0) break;
    whole[index] += 1;
    left -= 1;
  }
  return whole;
}
