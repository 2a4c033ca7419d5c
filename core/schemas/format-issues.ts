import type { z } from 'zod';

/**
 * Formats a zod path as it would be written in JavaScript.
 * @example formatPath(['releases', 3, 'units', 0, 'counted', 'bass']) // 'releases[3].units[0].counted.bass'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text === '' ? '(root)' : text;
}

/** One line per issue: `path: reason`, in the order zod found them. */
export function formatIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}
