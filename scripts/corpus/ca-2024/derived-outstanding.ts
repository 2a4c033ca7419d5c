import type { Outstanding } from '../../../core/schemas/index.ts';

/**
 * 90% range of a curve estimate, as a factor on the odds of counted to uncounted ballots: low = expected ÷ 3,
 * high = expected × 3. Chosen a priori, not fitted: a county's share counted at a given hour may differ from
 * LA's in 2022 (another county, a primary not a general, 2024 not 2022, other staffing and mail share), and
 * a 90% range that allows the odds to be 3 times higher or lower reads, on election night (LA share 0.54),
 * as a share counted anywhere from 0.28 to 0.78 (README.md of the corpus gives the reasons).
 */
export const CURVE_RANGE_FACTOR = 3;

/** The wider range for a county with nothing counted, whose size is read from its precincts (see below). */
export const PRECINCT_PROXY_RANGE_FACTOR = 5;

/**
 * A county that has shown no change in a contest for a week is taken as done (a newsroom's rule of thumb:
 * counties that are still counting post new results more often than weekly). Chosen a priori.
 */
export const STOPPED_AFTER_HOURS = 7 * 24;

/** A county's count and size as a derived estimate sees it at one snapshot. */
export type UnitSoFar = { countedVotes: number; precinctsTotal: number; hoursSinceChange: number };

/**
 * Outstanding votes for a point estimate and a multiplicative 90% range factor; `{ expected: 0 }` when
 * nothing is expected. Low rounds down, high rounds up, so low <= expected <= high.
 * @example rangeAround(100, 3) // { expected: 100, low: 33, high: 300 }
 */
export function rangeAround(expected: number, factor: number): Outstanding {
  if (expected <= 0) return { expected: 0 };
  return { expected, low: Math.floor(expected / factor), high: Math.ceil(expected * factor) };
}

/**
 * A county's outstanding votes in a contest from a borrowed count curve: if `shareCounted` of its final
 * count is in, its final is counted ÷ share, so outstanding = counted × (1 − share) ÷ share, rounded.
 * Nothing counted or a share of 1 gives 0.
 * @example curveOutstanding(540, 0.54) // { expected: 460, low: 153, high: 1380 }
 */
export function curveOutstanding(countedVotes: number, shareCounted: number): Outstanding {
  if (countedVotes === 0 || shareCounted >= 1) return { expected: 0 };
  return rangeAround(Math.round((countedVotes * (1 - shareCounted)) / shareCounted), CURVE_RANGE_FACTOR);
}

/**
 * Derived outstanding votes of every county of a contest at one snapshot, in the order given.
 * - A county with no change for STOPPED_AFTER_HOURS: done, 0.
 * - A county with votes counted: `curveOutstanding`.
 * - A county with nothing counted yet, while others have counts: its expected final is its precincts ×
 *   the expected final votes per precinct of the counties that have counted (all of it outstanding), with
 *   the wider range. A newsroom would use registration or past turnout; precincts are what this source has.
 * Reads nothing but the snapshot itself and the share counted at its time.
 */
export function derivedOutstanding(units: readonly UnitSoFar[], shareCounted: number): Outstanding[] {
  const estimates = units.map((unit) =>
    unit.hoursSinceChange >= STOPPED_AFTER_HOURS ? { expected: 0 } : curveOutstanding(unit.countedVotes, shareCounted),
  );
  const reporting = units.filter((unit) => unit.countedVotes > 0);
  const reportingPrecincts = reporting.reduce((sum, unit) => sum + unit.precinctsTotal, 0);
  const reportingFinal = units.reduce(
    (sum, unit, index) => (unit.countedVotes > 0 ? sum + unit.countedVotes + estimates[index].expected : sum),
    0,
  );
  const votesPerPrecinct = reportingPrecincts > 0 ? reportingFinal / reportingPrecincts : 0;
  return units.map((unit, index) =>
    unit.countedVotes > 0 || shareCounted >= 1 || unit.hoursSinceChange >= STOPPED_AFTER_HOURS
      ? estimates[index]
      : rangeAround(Math.round(unit.precinctsTotal * votesPerPrecinct), PRECINCT_PROXY_RANGE_FACTOR),
  );
}
