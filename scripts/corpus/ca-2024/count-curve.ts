import type { CsvRecord } from '../../../feeds/csv/csv-records.ts';
import { requiredCount } from '../../examples/numbers.ts';
import { pacificIso } from '../../examples/pacific-time.ts';

/** One point of a count curve: the share of the final count reached so many hours after polls closed. */
export type CurvePoint = { hoursSinceClose: number; shareCounted: number };

const HOUR_MS = 3_600_000;

/** Hours from `fromIso` to `toIso` (ISO 8601 times with offsets). */
export function hoursBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / HOUR_MS;
}

/**
 * LA County's count curve of the November 2022 general, from general_2022_mayor_updates.csv: at each
 * registrar release, countywide ballots counted ÷ those of the last (certified) release, by hours since
 * polls closed at 8 pm Pacific on Nov 8. Throws unless the shares rise and the last is the certified count.
 * @example the first point is { hoursSinceClose: 0.40…, shareCounted: 852332 / 2456701 ≈ 0.347 }
 */
export function readLaCountCurve(records: readonly CsvRecord[]): CurvePoint[] {
  const pollsClosed = pacificIso('2022-11-08T20:00:00');
  const ballots = records.map((record) => requiredCount(record, 'county_ballots_counted'));
  const certified = ballots[ballots.length - 1];
  const points = records.map((record, index) => ({
    hoursSinceClose: hoursBetween(pollsClosed, pacificIso(record.registrar_timestamp_pt)),
    shareCounted: ballots[index] / certified,
  }));
  points.forEach((point, index) => {
    const previous = points[index - 1];
    if (previous !== undefined && !(point.hoursSinceClose > previous.hoursSinceClose && point.shareCounted >= previous.shareCounted)) {
      throw new Error(`LA count curve: release ${index + 1} is not later and higher than release ${index}`);
    }
  });
  return points;
}

/**
 * The share counted at `hoursSinceClose` on a curve: linear between its points, the first point's share
 * before it (a county's first drop is read like LA's first drop) and 1 after the last (certification).
 * @example shareCountedAt([{ hoursSinceClose: 1, shareCounted: 0.4 }, { hoursSinceClose: 3, shareCounted: 1 }], 2) // 0.7
 */
export function shareCountedAt(curve: readonly CurvePoint[], hoursSinceClose: number): number {
  const after = curve.findIndex((point) => point.hoursSinceClose >= hoursSinceClose);
  if (after < 0) return 1;
  if (after === 0) return curve[0].shareCounted;
  const left = curve[after - 1];
  const right = curve[after];
  const fraction = (hoursSinceClose - left.hoursSinceClose) / (right.hoursSinceClose - left.hoursSinceClose);
  return left.shareCounted + fraction * (right.shareCounted - left.shareCounted);
}
