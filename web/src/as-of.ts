const wallClock = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});
const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * The time of an ISO 8601 string as the election office's clock showed it (the offset written in the string),
 * whatever the reader's time zone: '2022-11-10T16:23:14-08:00' → 'Nov 10, 2022, 4:23 PM (UTC−08:00)'.
 * A string without an offset or 'Z' is returned as it is.
 */
export function formatAsOf(iso: string): string {
  const local = officeClock(iso);
  if (local === undefined) return iso;
  return `${wallClock.format(local.time)} (UTC${local.offset === 'Z' ? '' : local.offset.replace('-', '−')})`;
}

/** The office's calendar day of an ISO 8601 string: '2022-11-10T16:23:14-08:00' → 'Nov 10'. */
export function formatDay(iso: string): string {
  const local = officeClock(iso);
  return local === undefined ? iso.slice(0, 10) : shortDay.format(local.time);
}

/** The wall-clock fields of the string, as a UTC instant so that Intl prints them unchanged. */
function officeClock(iso: string): { time: number; offset: string } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, offset] = match;
  return { time: Date.UTC(+year, +month - 1, +day, +hour, +minute, +(second ?? 0)), offset };
}
