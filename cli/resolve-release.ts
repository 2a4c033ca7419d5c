import * as z from 'zod';
import type { CountFile } from '../core/schemas/index.ts';
import { UsageError } from './usage-error.ts';

const ISO_WITH_OFFSET = z.iso.datetime({ offset: true });

/**
 * The zero-based release that `--as-of` names: a 1-based release number, or an ISO 8601 date-time, for
 * which the last release at or before it is taken. Without `--as-of`, the last release.
 */
export function resolveRelease(countFile: CountFile, asOf: string | undefined): number {
  const last = countFile.releases.length - 1;
  if (asOf === undefined) return last;
  if (/^\d+$/.test(asOf)) {
    const number = Number(asOf);
    if (number < 1 || number > countFile.releases.length) {
      throw new UsageError(`--as-of ${asOf}: the file has releases 1 to ${countFile.releases.length}`);
    }
    return number - 1;
  }
  // An offset is required: a bare local time would pick a different release in another time zone.
  if (!ISO_WITH_OFFSET.safeParse(asOf).success) {
    throw new UsageError(`--as-of ${asOf}: expected a release number or an ISO 8601 date-time with an offset (Z or ±hh:mm)`);
  }
  const instant = Date.parse(asOf);
  const index = countFile.releases.findLastIndex((release) => Date.parse(release.asOf) <= instant);
  if (index < 0) throw new UsageError(`--as-of ${asOf}: before the first release (${countFile.releases[0].asOf})`);
  return index;
}
