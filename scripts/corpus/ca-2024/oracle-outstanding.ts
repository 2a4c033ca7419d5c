import type { Outstanding } from '../../../core/schemas/index.ts';
import { drawLogNormal } from '../../../calibration/generator/distributions.ts';
import { createRandom } from '../../../calibration/generator/random.ts';

/**
 * The oracle's error: outstanding = true outstanding × a factor drawn once per (contest, county), log-normal
 * with median 0.75 (biased low: LA's registrar estimates ran ~12% low in the 2022 general and ~50% low in the
 * primary) and log sd 0.3 (90% of factors between 0.46 and 1.23).
 */
export const ORACLE_FACTOR_MEDIAN = 0.75;
export const ORACLE_FACTOR_LOG_SD = 0.3;

/**
 * The stated 90% range: expected × exp(∓1.645 × 0.1), i.e. 0.85 to 1.18 times expected, much narrower than
 * the error above, as offices' stated ranges are.
 */
export const ORACLE_STATED_LOG_SD = 0.1;

const Z_90 = 1.6448536269514722;

/**
 * The persistent error factor of one county in one contest: the same in every release, reproducible from
 * the (contest, county) seed alone.
 * @example oracleFactor('us-senate', 'los-angeles') === oracleFactor('us-senate', 'los-angeles') // true
 */
export function oracleFactor(contestId: string, countyId: string): number {
  const random = createRandom(JSON.stringify(['ca-2024-primary-oracle-v1', contestId, countyId]));
  return drawLogNormal(ORACLE_FACTOR_MEDIAN, ORACLE_FACTOR_LOG_SD, random);
}

/**
 * Oracle outstanding votes: round(max(0, final − counted) × factor), with the stated range rounded outwards.
 * @example oracleOutstanding(1000, 0.75) // { expected: 750, low: 636, high: 885 }
 */
export function oracleOutstanding(trueOutstanding: number, factor: number): Outstanding {
  const expected = Math.round(Math.max(0, trueOutstanding) * factor);
  if (expected === 0) return { expected: 0 };
  const spread = Math.exp(Z_90 * ORACLE_STATED_LOG_SD);
  return { expected, low: Math.floor(expected / spread), high: Math.ceil(expected * spread) };
}
