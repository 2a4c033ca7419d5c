// The rule for race, unit and candidate ids, without zod, so that the web page can check a race id from its
// query string with the same rule as the API (core/schemas/ids.ts wraps it in the zod schema).

export const ID_MAX_LENGTH = 128;

/** The characters of an id, as the inside of a regular expression's character class. */
const ID_CHARACTERS = 'A-Za-z0-9._-';
const STRAY_CHARACTER = new RegExp(`[^${ID_CHARACTERS}]`);

/**
 * Ids become S3 keys, URL path segments, file names, DynamoDB keys and keys of JSON objects. These names
 * are refused because in JavaScript they reach or replace an object's prototype. (The pattern refuses a
 * leading "." and "..", so no id is a path segment "." or "..".)
 */
export const RESERVED_IDS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * The whole rule as one regular expression, so the published JSON Schema carries it as `pattern`: 1 to 128
 * letters (either case), digits, `-`, `_` or `.`; not starting with `.` (which also refuses `.`, `..` and
 * every id of dots only); never `..`; not a reserved id.
 */
export const ID_PATTERN = new RegExp(`^(?!\\.)(?!.*\\.\\.)(?!(?:${RESERVED_IDS.join('|')})$)[${ID_CHARACTERS}]{1,${ID_MAX_LENGTH}}$`);

/** What the rule allows, in words, for error messages. */
export const ID_RULE = `1 to ${ID_MAX_LENGTH} letters (either case), digits, "-", "_" or "."; not starting with "." or containing ".."; not ${quotedList(RESERVED_IDS)}`;

/**
 * Why `text` is not an id, in a few words, or undefined if it is one.
 * @example idProblem('20240305CA0016') // undefined
 * @example idProblem('a/b')            // 'got "/"'
 */
export function idProblem(text: string): string | undefined {
  if (text.length === 0) return 'got an empty string';
  if (text.length > ID_MAX_LENGTH) return `got ${text.length} characters`;
  const stray = STRAY_CHARACTER.exec(text);
  if (stray !== null) return `got ${JSON.stringify(stray[0])}`;
  if (text.startsWith('.')) return 'got a leading "."';
  if (text.includes('..')) return 'got ".."';
  if (RESERVED_IDS.includes(text)) return `got the reserved id "${text}"`;
  return undefined;
}

/** Whether `text` is a race, unit or candidate id. */
export function isId(text: string): boolean {
  return idProblem(text) === undefined;
}

/**
 * `id` itself if it is an id, for code that builds a key or a path from one; throws otherwise. Ids are
 * checked where they come in, so a throw here is a bug, not bad input.
 * @example checkedId('GA') // 'GA'
 */
export function checkedId(id: string): string {
  const problem = idProblem(id);
  if (problem !== undefined) throw new Error(`not an id (${ID_RULE}): ${problem}`);
  return id;
}

/** '"a", "b" or "c"' */
function quotedList(words: readonly string[]): string {
  const quoted = words.map((word) => `"${word}"`);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
