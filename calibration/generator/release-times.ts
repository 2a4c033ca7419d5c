import { drawUniform } from './distributions.ts';
import type { CountingPlan } from './race-spec.ts';
import type { Random } from './random.ts';

const MINUTE_MS = 60_000;

/**
 * The `asOf` of every release, strictly increasing, in the start's UTC offset. The first release is at
 * `startAsOf`; election-night releases follow minutes apart and later ones hours or days apart. Times
 * are whole minutes.
 * @throws RangeError when `startAsOf` is not an ISO date-time with an offset (`Z` or ±hh:mm).
 * @example drawReleaseTimes(plan, random)[0] // '2024-11-05T20:00:00-08:00' with the default start
 */
export function drawReleaseTimes(plan: CountingPlan, random: Random): string[] {
  const { startMs, offset } = parseStart(plan.startAsOf);
  let minutesAfterStart = 0;
  return Array.from({ length: plan.releaseCount }, (_, release) => {
    if (release > 0) minutesAfterStart += drawGapMinutes(release < plan.nightReleaseCount, plan, random);
    return formatWithOffset(startMs + minutesAfterStart * MINUTE_MS, offset);
  });
}

function drawGapMinutes(onElectionNight: boolean, plan: CountingPlan, random: Random): number {
  const minutes = onElectionNight
    ? drawUniform(...plan.nightGapMinutesRange, random)
    : 60 * drawUniform(...plan.dayGapHoursRange, random);
  return Math.max(1, Math.round(minutes));
}

function parseStart(startAsOf: string): { startMs: number; offset: string } {
  const offset = /(Z|[+-]\d\d:\d\d)$/.exec(startAsOf)?.[1];
  const startMs = Date.parse(startAsOf);
  if (offset === undefined || Number.isNaN(startMs)) {
    throw new RangeError(`expected startAsOf as an ISO date-time with an offset, got "${startAsOf}"`);
  }
  return { startMs, offset };
}

/**
 * A UTC instant written as local time in the given offset, to the second.
 * @example formatWithOffset(Date.parse('2024-11-06T04:00:00Z'), '-08:00') // '2024-11-05T20:00:00-08:00'
 */
export function formatWithOffset(utcMs: number, offset: string): string {
  return new Date(utcMs + offsetMinutesOf(offset) * MINUTE_MS).toISOString().slice(0, 19) + offset;
}

/** Minutes east of UTC: `Z` is 0, `-08:00` is -480. */
function offsetMinutesOf(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}
