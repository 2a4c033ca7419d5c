/** UTC offsets of the US time zone abbreviations Clarity writes after its report times. */
const ZONE_OFFSETS: Readonly<Record<string, string>> = {
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00',
  PST: '-08:00', PDT: '-07:00', AKST: '-09:00', AKDT: '-08:00', HST: '-10:00', HDT: '-09:00', UTC: '+00:00', GMT: '+00:00',
};

const TIMESTAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP])M ([A-Z]{3,4})$/;

/**
 * A Clarity report time ("1/11/2021 4:02:33 PM EST", month first, 12-hour clock, a US zone abbreviation) as
 * an ISO 8601 date-time at the same wall-clock time with the zone's offset; undefined if it is not one.
 * @example clarityTimestamp('1/11/2021 4:02:33 PM EST') // '2021-01-11T16:02:33-05:00'
 */
export function clarityTimestamp(text: string): string | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return undefined;
  const [, month, day, year, hour, minute, second, half, zone] = match;
  const offset = Object.hasOwn(ZONE_OFFSETS, zone) ? ZONE_OFFSETS[zone] : undefined;
  const hour12 = Number(hour);
  if (offset === undefined || hour12 < 1 || hour12 > 12 || Number(month) > 12 || Number(day) > 31) return undefined;
  const hour24 = (hour12 % 12) + (half === 'P' ? 12 : 0);
  const two = (value: string | number) => String(value).padStart(2, '0');
  const iso = `${year}-${two(month)}-${two(day)}T${two(hour24)}:${minute}:${second}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}
