import * as z from 'zod';

// Free text that people write in a count file (race, candidate and unit names, parties, release labels).
// It ends up in DynamoDB items, published JSON and the newsroom graphic, so it is bounded in length and
// holds no control characters: a NUL, an ESC or a C1 code is never a name, and can break logs and terminals.
// Nor does it hold an unpaired surrogate, which cannot be stored.

/** The most characters of a race, candidate or unit name, or a party. The longest real one is ~110. */
export const MAX_NAME_LENGTH = 200;
/** The most characters of a release's label. The longest real one is ~150. */
export const MAX_LABEL_LENGTH = 500;

/** C0 controls (U+0000–U+001F, tab and newlines included), DEL and the C1 controls (U+007F–U+009F). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Half of a UTF-16 surrogate pair without its other half, as JSON's "\ud800" can write: no UTF-8 encodes
 * it, so DynamoDB and S3 cannot store it (a release label holding one got a 500).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `text` may not be a name or label of at most `maxLength` characters, or undefined if it may.
 * @example textProblem('Zoë’s ward', 200) // undefined
 * @example textProblem('a\u0000b', 200)  // 'got the control character U+0000 at position 1'
 */
export function textProblem(text: string, maxLength: number): string | undefined {
  if (text.length > maxLength) return `got ${text.length} characters`;
  const control = CONTROL_CHARACTER.exec(text);
  if (control !== null) return `got the control character ${codePoint(control[0])} at position ${control.index}`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate !== null) return `got the unpaired surrogate ${codePoint(surrogate[0])} at position ${surrogate.index}, which is no character`;
  return undefined;
}

/**
 * A string of 1 (or `minLength`) to `maxLength` characters with no control characters. The error says what
 * is allowed and what was wrong, e.g. `expected a name of 1 to 200 characters and no control characters; got 512000 characters`.
 */
export function textSchema(what: string, maxLength: number, minLength = 1) {
  const rule = `expected ${what} of ${minLength} to ${maxLength} characters and no control characters`;
  return z
    .string({ error: `${rule}; got a non-string` })
    .min(minLength, { error: `${rule}; got an empty string` })
    .max(maxLength, { error: (issue) => `${rule}; ${textProblem(String(issue.input), maxLength)}` })
    .refine((text) => !CONTROL_CHARACTER.test(text) && !LONE_SURROGATE.test(text), {
      error: (issue) => `${rule}; ${textProblem(String(issue.input), Number.MAX_SAFE_INTEGER)}`,
    });
}

/** 'U+001B' */
function codePoint(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A race, candidate or unit name, or a party. */
export const NameSchema = textSchema('a name', MAX_NAME_LENGTH);
