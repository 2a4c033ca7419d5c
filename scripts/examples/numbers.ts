import type { CsvRecord } from '../../feeds/csv/csv-records.ts';

/**
 * Reads a whole, non-negative number from a CSV field; `undefined` when the field is empty.
 * Throws on anything else, naming the field, so a typo in the data stops the build.
 *
 * @example optionalCount({ votes: '165250' }, 'votes') // 165250
 */
export function optionalCount(record: CsvRecord, field: string): number | undefined {
  const text = fieldText(record, field);
  if (text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${field}: expected a whole number, got "${text}"`);
  return Number(text);
}

/** Like `optionalCount`, but the field must be present. */
export function requiredCount(record: CsvRecord, field: string): number {
  const value = optionalCount(record, field);
  if (value === undefined) throw new Error(`${field}: expected a whole number, got an empty field`);
  return value;
}

/**
 * Reads a percentage (0-100) from a CSV field, with the number of decimals it was written with, so callers
 * can tell a whole-percent rounding from an exact figure. `undefined` when the field is empty.
 *
 * @example optionalPercent({ pct: '42.14' }, 'pct') // { percent: 42.14, decimals: 2 }
 */
export function optionalPercent(record: CsvRecord, field: string): { percent: number; decimals: number } | undefined {
  const text = fieldText(record, field);
  if (text === '') return undefined;
  const match = /^\d{1,3}(?:\.(\d+))?$/.exec(text);
  if (match === null || Number(text) > 100) throw new Error(`${field}: expected a percentage, got "${text}"`);
  return { percent: Number(text), decimals: match[1]?.length ?? 0 };
}

function fieldText(record: CsvRecord, field: string): string {
  const text = record[field];
  if (text === undefined) throw new Error(`missing CSV column "${field}"`);
  return text.trim();
}

/**
 * Splits a whole number of votes in proportion to non-negative weights, by largest remainder, so the parts
 * are whole numbers that add up to exactly `total`. Ties go to the earlier weight. With all weights 0 the
 * split is even.
 *
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => (weightSum > 0 ? weight / weightSum : 1 / weights.length));
  const exact = shares.map((share) => share * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  // Hand the votes lost to flooring to the largest fractional parts first.
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) }));
  order.sort((first, second) => second.fraction - first.fraction || first.index - second.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}
