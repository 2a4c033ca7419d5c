import type { Rule } from '../../core/schemas/index.ts';

/** A vote type of one race: its share of the race's votes and how it leans. */
export interface VoteTypeSpec {
  readonly id: string;
  /** Share of the race's valid votes cast this way, in [0, 1]; the types' shares sum to 1. */
  readonly share: number;
  /**
   * Logit shift of each candidate (c1, c2, … in order) for this vote type, relative to the race's base
   * shares. Weighted by `share`, the shifts average 0 for each candidate.
   */
  readonly logitShift: readonly number[];
}

/** How a race's ballots are counted over its releases. */
export interface CountingPlan {
  readonly releaseCount: number;
  /** Time of the first release, ISO 8601 with an offset. */
  readonly startAsOf: string;
  /** How many releases come on election night, minutes apart. */
  readonly nightReleaseCount: number;
  readonly nightGapMinutesRange: readonly [number, number];
  readonly dayGapHoursRange: readonly [number, number];
  /** A typical unit's batch weight shrinks by exp(-decayPerRelease) per release. */
  readonly decayPerRelease: number;
  readonly unitSpeedLogSd: number;
  readonly skipProbability: number;
  readonly lateJoinProbability: number;
  readonly batchSizeShape: number;
}

/** How wrong the official estimates of outstanding votes are in a race. */
export interface EstimatePlan {
  /** Log of the race-wide ratio of estimated to true outstanding votes (log 0.87 ≈ -0.14: 13% low). */
  readonly logBias: number;
  readonly releaseLogSd: number;
  readonly unitLogSd: number;
  /** Sd of a miss that does not shrink with the remainder, as a share of the unit's total ballots. */
  readonly totalMissShare: number;
  /** Stated 90% ranges are expected × exp(±1.645 × rangeLogSd); null when the race omits them. */
  readonly rangeLogSd: number | null;
}

/**
 * Everything that defines one synthetic race before its ballots are drawn. `drawRaceSpec` draws one
 * from the options; a hand-written spec (say, LA-like) works as well.
 */
export interface RaceSpec {
  /** A slug such as `synthetic-000123`. */
  readonly id: string;
  readonly name: string;
  readonly rule: Rule;
  /** Race-wide share of each candidate c1, c2, … in (0, 1), summing to 1. */
  readonly baseShares: readonly number[];
  /** Valid votes cast in each unit u001, u002, … (whole numbers >= 1). */
  readonly unitVotes: readonly number[];
  /** Vote types in counting order. */
  readonly voteTypes: readonly VoteTypeSpec[];
  /** Dirichlet concentration of each unit's vote-type mix around the race's. */
  readonly unitMixConcentration: number;
  /** Logit sd of each unit's lean for each candidate. */
  readonly unitLeanSd: number;
  /** Logit sd of each unit's departure from the race's vote-type shifts. */
  readonly unitDriftSd: number;
  /** Logit sd of each counted batch's departure from its unit and vote type. */
  readonly batchNoiseSd: number;
  readonly counting: CountingPlan;
  readonly estimates: EstimatePlan;
}
