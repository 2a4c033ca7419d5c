import { generateRaces } from '../../calibration/generator/index.ts';

// What the generator*.test.ts files share: 200 races from one seed, and small helpers.

export const races = [...generateRaces(200, 'seed')];

export const sum = (values: Record<string, number>): number => Object.values(values).reduce((total, value) => total + value, 0);

/** Freezes an object and everything in it, to prove a function does not change its input. */
export function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}
