import type { Outstanding } from '../../core/schemas/index.ts';

/** How uncertain a feed's "share of the expected vote counted" is. */
export interface ShareUncertainty {
  /** Half the width of the share's rounding, as a fraction: 0.005 for a whole percent. */
  readonly rounding: number;
  /** Relative error of the expected total behind the share, for the 90% range: 0.10 for ±10%. */
  readonly relativeError: number;
}

/** AP's eevp: a whole percent, of an expected total that AP estimates (taken as good to ±10%). */
export const EEVP_UNCERTAINTY: ShareUncertainty = { rounding: 0.005, relativeError: 0.1 };

/** Precincts reporting as a stand-in for the share of votes counted: a poor one (mail), so ±25%. */
export const PRECINCTS_UNCERTAINTY: ShareUncertainty = { rounding: 0, relativeError: 0.25 };

/** The smallest share used, so that a unit with votes but a share that rounds to 0 gets a finite total. */
const SMALLEST_SHARE = 0.005;

/**
 * Votes still to count in a unit, from the votes counted there and the share of its expected total that
 * they are (AP's eevp / 100, or precincts reporting / precincts). Undefined when nothing is counted yet:
 * a share of nothing says nothing about the total.
 *
 * The expected total is counted / share (the share is raised to 0.5% at least). Its 90% range widens the
 * share by its rounding both ways and the total by the relative error:
 *   low total  = counted / min(1, share + rounding) × (1 − relativeError)
 *   high total = counted / max(0.5%, share − rounding) × (1 + relativeError)
 * and outstanding = total − counted, never below 0 (low rounded down, high up). A share of 1 or more means
 * the count is complete: 0 outstanding, no range.
 *
 * @example outstandingFromShare(6000, 0.6, EEVP_UNCERTAINTY) // { expected: 4000, low: 2925, high: 5093 }
 */
export function outstandingFromShare(counted: number, share: number, uncertainty: ShareUncertainty): Outstanding | undefined {
  if (share >= 1) return { expected: 0 };
  if (counted <= 0) return undefined;
  const center = Math.max(SMALLEST_SHARE, share);
  // Step 1: the expected total, and the totals at the ends of the share's rounding and the total's error.
  const total = counted / center;
  const lowTotal = (counted / Math.min(1, center + uncertainty.rounding)) * (1 - uncertainty.relativeError);
  const highTotal = (counted / Math.max(SMALLEST_SHARE, center - uncertainty.rounding)) * (1 + uncertainty.relativeError);
  // Step 2: outstanding votes are what the totals hold beyond the votes counted.
  return {
    expected: Math.max(0, Math.round(total - counted)),
    low: Math.max(0, Math.floor(lowTotal - counted)),
    high: Math.max(0, Math.ceil(highTotal - counted)),
  };
}

/** The most of a unit's votes that all its precincts reporting is taken to mean: all precincts in is not all votes in (mail ballots come later). */
const PRECINCTS_SHARE_CAP = 0.99;

/**
 * Votes still to count from the share of precincts reporting (AP without eevp, Clarity's summary.json):
 * outstandingFromShare with PRECINCTS_UNCERTAINTY, the share capped at 99%, so precincts never make a unit
 * complete.
 * @example outstandingFromPrecincts(500, 1) // the same as outstandingFromShare(500, 0.99, PRECINCTS_UNCERTAINTY)
 */
export function outstandingFromPrecincts(counted: number, share: number): Outstanding | undefined {
  return outstandingFromShare(counted, Math.min(share, PRECINCTS_SHARE_CAP), PRECINCTS_UNCERTAINTY);
}
