const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/**
 * Adds the Pacific offset to a Los Angeles wall-clock time: `-07:00` in daylight time, `-08:00` otherwise.
 *
 * US rule since 2007: daylight time runs from 02:00 on the second Sunday of March to 02:00 on the first
 * Sunday of November (wall clock). The repeated hour before 02:00 on the November Sunday is read as daylight
 * time, the first of its two occurrences. Throws when the input is not `YYYY-MM-DDTHH:MM:SS`.
 *
 * @example pacificIso('2022-11-08T20:24:13') // '2022-11-08T20:24:13-08:00'
 * @example pacificIso('2022-06-08T02:00:00') // '2022-06-08T02:00:00-07:00'
 */
export function pacificIso(localDateTime: string): string {
  const match = LOCAL_DATE_TIME.exec(localDateTime);
  if (match === null) throw new Error(`expected a local time YYYY-MM-DDTHH:MM:SS, got "${localDateTime}"`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  // Compare wall-clock times as if they were UTC; only their order matters here.
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const daylightStart = Date.UTC(year, 2, nthSunday(year, 2, 2), 2);
  const daylightEnd = Date.UTC(year, 10, nthSunday(year, 10, 1), 2);
  const inDaylightTime = wallClock >= daylightStart && wallClock < daylightEnd;
  return `${localDateTime}${inDaylightTime ? '-07:00' : '-08:00'}`;
}

/** Day of the month of the nth Sunday of a month (month 0-11). */
function nthSunday(year: number, month: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay(); // 0 = Sunday
  const firstSunday = 1 + ((7 - firstWeekday) % 7);
  return firstSunday + 7 * (n - 1);
}
