import { formatPath } from './format-issues.ts';

// JSON.parse keeps a key "__proto__" as an own property, but zod's records and objects drop it while
// copying (assigning it would set the prototype), so `"counted": {"__proto__": 5, ...}` would pass without a
// word. The raw JSON is searched for it first, so the sender learns which field was refused.

/** The key that no object of our formats may have. */
export const PROTOTYPE_KEY = '__proto__';

/**
 * `path: reason` lines, one for each object in parsed JSON `value` that has its own key "__proto__"; none
 * when there is no such key.
 * @example prototypeKeyIssues(JSON.parse('{"units":[{"counted":{"__proto__":1}}]}'))
 *   // ['units[0].counted.__proto__: "__proto__" is not allowed as a key; ...']
 */
export function prototypeKeyIssues(value: unknown, path: readonly PropertyKey[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => prototypeKeyIssues(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  const issues: string[] = [];
  for (const key of Object.keys(value)) {
    if (key === PROTOTYPE_KEY) {
      issues.push(`${formatPath([...path, key])}: "${PROTOTYPE_KEY}" is not allowed as a key; it is never a candidate, unit or field name`);
    } else {
      issues.push(...prototypeKeyIssues((value as Record<string, unknown>)[key], [...path, key]));
    }
  }
  return issues;
}
