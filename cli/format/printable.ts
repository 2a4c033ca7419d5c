/**
 * Control characters that a terminal would act on rather than show: C0 (NUL, ESC, BEL, CR, LF, TAB…),
 * DEL, C1 (0x80–0x9F, e.g. the one-byte CSI) and the bidirectional overrides and isolates, which can make
 * text read in another order than it is stored.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text from a count file or a published forecast (names, ids, seeds), made safe to print on a terminal:
 * each control character is shown as an escape instead of being sent raw, so that a name holding ESC
 * cannot recolour, move or clear the analyst's screen, and a newline cannot break a table row.
 * Example: printable('Bass\u001b[2J') === 'Bass\\x1B[2J'.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (character) => {
    const code = character.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
