// The window an API release's asOf must fall in. A release is stored for good and every later one must be
// newer, so a typo such as 9999-12-31 would lock the race for ever; 0000-01-01 is no real count either.
// Core has no clock: the caller passes the current time.

/** No count older than this is taken: ballotcast's oldest races are from the 2020s. */
export const EARLIEST_AS_OF = '1990-01-01T00:00:00Z';
/** How far past the server's clock an asOf may be: time zones, and an office's clock running a little fast. */
export const MAX_AS_OF_AHEAD_HOURS = 48;

/**
 * Why `asOf` (an ISO 8601 date-time) is outside [EARLIEST_AS_OF, now + MAX_AS_OF_AHEAD_HOURS], or undefined
 * if it is inside. `now` is an ISO 8601 date-time.
 * @example asOfWindowProblem('2024-11-05T20:00:00-05:00', '2024-11-06T02:00:00Z') // undefined
 * @example asOfWindowProblem('9999-12-31T00:00:00Z', '2024-11-06T02:00:00Z')
 *   // 'expected a time from 1990-01-01T00:00:00Z to 48 hours after now (now is 2024-11-06T02:00:00Z); got 9999-12-31T00:00:00Z'
 */
export function asOfWindowProblem(asOf: string, now: string): string | undefined {
  const latest = Date.parse(now) + MAX_AS_OF_AHEAD_HOURS * 3_600_000;
  const rule = `expected a time from ${EARLIEST_AS_OF} to ${MAX_AS_OF_AHEAD_HOURS} hours after now (now is ${now})`;
  const time = Date.parse(asOf);
  if (Number.isNaN(time)) return `${rule}; got ${asOf}, which is not a real date`;
  if (time < Date.parse(EARLIEST_AS_OF) || time > latest) return `${rule}; got ${asOf}`;
  return undefined;
}
