/** A closed range [low, high] of a uniform draw. */
export type Range = readonly [low: number, high: number];

/** A log-normal distribution described by its median and the standard deviation of its logarithm. */
export interface LogNormalSpec {
  readonly median: number;
  readonly logSd: number;
}

/** Relative weights of the three rules, >= 0 and not all 0. */
export interface RuleWeights {
  readonly plurality: number;
  readonly majority: number;
  readonly 'top-two': number;
}

/** One kind of ballot. Each unit counts its kinds in the order they are listed. */
export interface VoteTypeOption {
  /** Name of the vote type, such as `early-mail`. */
  readonly id: string;
  /** Average share of a race's votes cast this way, in (0, 1]; shares across types are normalized. */
  readonly meanShare: number;
  /** Position on the race's early-to-late trend: 0 shares nothing of it, 1 takes all of it. */
  readonly trendLoading: number;
  /** Size of this type's own lean, independent of the trend, relative to the race's drift scale. */
  readonly ownShiftScale: number;
}

/**
 * Every realism knob of the generator. `calibration/generator/README.md` explains each default and why.
 * Shares are fractions of a race's valid votes; shifts are on the log-odds (logit) scale of a candidate's
 * share, where 0.4 moves a 50% candidate to about 60%.
 */
export interface GeneratorOptions {
  readonly candidates: {
    /** Probability that a race has exactly 2 candidates; otherwise 3 to `maxCandidates`, uniformly. */
    readonly twoCandidateProbability: number;
    readonly maxCandidates: number;
    /** Probability that each candidate beyond the first two is a minor one. */
    readonly minorProbability: number;
    /** A minor candidate's race-wide share is uniform in this range. */
    readonly minorShareRange: Range;
    /** Dirichlet concentration of each major candidate's share; lower spreads them more. */
    readonly majorConcentration: number;
    /** Margin between the two leaders, as a share of all votes: half-normal with this sd. */
    readonly leaderMarginSd: number;
    /** Smallest race-wide share of the runner-up, so that margins stay below 1 - 2 × this. */
    readonly minRunnerUpShare: number;
  };
  readonly rules: {
    readonly twoCandidateWeights: RuleWeights;
    readonly multiCandidateWeights: RuleWeights;
    /** Threshold written into every `majority` rule. */
    readonly majorityThreshold: number;
  };
  readonly units: {
    /** Probability that a race is a single unit (like LA city in a county count). */
    readonly singleUnitProbability: number;
    /** Other races have a log-uniform number of units from 2 to this. */
    readonly maxUnits: number;
    /** Valid votes of a single-unit race. */
    readonly singleUnitVotes: LogNormalSpec;
    /** The median unit size of a multi-unit race is drawn from this. */
    readonly raceMedianUnitVotes: LogNormalSpec;
    /** Spread of unit sizes around their race's median (sd of the log). */
    readonly unitVotesLogSd: number;
    readonly minUnitVotes: number;
  };
  readonly voteTypes: readonly VoteTypeOption[];
  readonly mix: {
    /** Dirichlet concentration of a race's vote-type mix around the `meanShare`s. */
    readonly raceConcentration: number;
    /** Dirichlet concentration of a unit's vote-type mix around its race's mix. */
    readonly unitConcentration: number;
  };
  readonly preferences: {
    /** Each unit's lean for each candidate, logit sd (geography). */
    readonly unitLeanSd: number;
    /** A race's drift scale: the logit sd, per candidate, of its early-to-late trend. */
    readonly driftScale: LogNormalSpec;
    /** Each unit's own departure from its race's vote-type shifts, logit sd. */
    readonly unitDriftSd: number;
    /** Each counted batch's own departure from its unit and vote type, logit sd. */
    readonly batchNoiseSd: number;
  };
  readonly counting: {
    /** Releases per race, uniform whole number in this range. */
    readonly releaseCountRange: Range;
    /** Time of the first release: ISO 8601 with an offset such as `-08:00`. */
    readonly startAsOf: string;
    /** Fraction of the releases that come on election night, minutes apart; the rest are days apart. */
    readonly nightShare: number;
    readonly nightGapMinutesRange: Range;
    readonly dayGapHoursRange: Range;
    /** A race's typical counting pace: a unit's batch weight shrinks by exp(-decay) per release. */
    readonly decayPerReleaseRange: Range;
    /** Spread of units' pace around their race's (sd of the log). */
    readonly unitSpeedLogSd: number;
    /** Probability that a unit adds nothing in a release. */
    readonly skipProbability: number;
    /** Probability that a unit (other than u001) first appears in a later release, in the first half. */
    readonly lateJoinProbability: number;
    /** Gamma shape of batch weights: 1 gives exponential, uneven batches; larger is more even. */
    readonly batchSizeShape: number;
  };
  readonly estimates: {
    /** Race-wide ratio of estimated to true outstanding votes, in ordinary races. */
    readonly bias: LogNormalSpec;
    /** Probability of a big miss instead, with a ratio uniform in `bigMissRatioRange`. */
    readonly bigMissProbability: number;
    readonly bigMissRatioRange: Range;
    /** Release-to-release wobble of the race-wide ratio (sd of the log), shared by units in a release. */
    readonly releaseLogSd: number;
    /** Each unit's own estimate error in each release (sd of the log). */
    readonly unitLogSd: number;
    /**
     * Sd of a miss that does not shrink with the remainder, as a share of the unit's total ballots: late
     * ballots that turn up, or a count that ends early, so a small remainder can be far off.
     */
    readonly totalMissShare: number;
    /** Probability that a race states 90% ranges (`low`, `high`); other races omit them. */
    readonly rangeProbability: number;
    /** A race's stated ranges are expected × exp(±1.645 × s), with s uniform in this range. */
    readonly rangeLogSdRange: Range;
  };
}

/** Partial options: any nested field may be left out. Arrays and ranges are replaced whole. */
export type GeneratorOptionsOverrides = {
  readonly [Key in keyof GeneratorOptions]?: GeneratorOptions[Key] extends readonly unknown[]
    ? GeneratorOptions[Key]
    : Partial<GeneratorOptions[Key]>;
};

/** The defaults; `calibration/generator/README.md` gives the reasons. */
export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = {
  candidates: {
    twoCandidateProbability: 0.5,
    maxCandidates: 8,
    minorProbability: 0.5,
    minorShareRange: [0.01, 0.03],
    majorConcentration: 2,
    leaderMarginSd: 0.15,
    minRunnerUpShare: 0.05,
  },
  rules: {
    twoCandidateWeights: { plurality: 0.8, majority: 0.1, 'top-two': 0.1 },
    multiCandidateWeights: { plurality: 0.3, majority: 0.35, 'top-two': 0.35 },
    majorityThreshold: 0.5,
  },
  units: {
    singleUnitProbability: 0.15,
    maxUnits: 60,
    singleUnitVotes: { median: 150_000, logSd: 1.2 },
    raceMedianUnitVotes: { median: 8_000, logSd: 1.2 },
    unitVotesLogSd: 1,
    minUnitVotes: 50,
  },
  voteTypes: [
    { id: 'early-mail', meanShare: 0.45, trendLoading: 0, ownShiftScale: 0 },
    { id: 'in-person', meanShare: 0.35, trendLoading: 0.4, ownShiftScale: 0.7 },
    { id: 'late-mail', meanShare: 0.2, trendLoading: 1, ownShiftScale: 0.3 },
  ],
  mix: { raceConcentration: 20, unitConcentration: 30 },
  preferences: {
    unitLeanSd: 0.25,
    driftScale: { median: 0.15, logSd: 0.8 },
    unitDriftSd: 0.08,
    batchNoiseSd: 0.03,
  },
  counting: {
    releaseCountRange: [6, 20],
    startAsOf: '2024-11-05T20:00:00-08:00',
    nightShare: 0.4,
    nightGapMinutesRange: [30, 120],
    dayGapHoursRange: [12, 96],
    decayPerReleaseRange: [0.1, 0.6],
    unitSpeedLogSd: 0.5,
    skipProbability: 0.25,
    lateJoinProbability: 0.03,
    batchSizeShape: 1,
  },
  estimates: {
    bias: { median: 0.87, logSd: 0.1 },
    bigMissProbability: 0.05,
    bigMissRatioRange: [0.45, 0.65],
    releaseLogSd: 0.05,
    unitLogSd: 0.1,
    totalMissShare: 0.005,
    rangeProbability: 0.75,
    rangeLogSdRange: [0.05, 0.25],
  },
};

/**
 * The defaults with `overrides` laid over them, one section deep. Inputs are not changed.
 * @throws RangeError when the result is unusable (no vote types, fewer than 2 candidates, a bad range).
 * @example resolveGeneratorOptions({ estimates: { rangeProbability: 1 } }).estimates.unitLogSd // 0.1
 */
export function resolveGeneratorOptions(overrides: GeneratorOptionsOverrides = {}): GeneratorOptions {
  const defaults = DEFAULT_GENERATOR_OPTIONS;
  const options: GeneratorOptions = {
    candidates: { ...defaults.candidates, ...overrides.candidates },
    rules: { ...defaults.rules, ...overrides.rules },
    units: { ...defaults.units, ...overrides.units },
    voteTypes: overrides.voteTypes ?? defaults.voteTypes,
    mix: { ...defaults.mix, ...overrides.mix },
    preferences: { ...defaults.preferences, ...overrides.preferences },
    counting: { ...defaults.counting, ...overrides.counting },
    estimates: { ...defaults.estimates, ...overrides.estimates },
  };
  checkOptions(options);
  return options;
}

function checkOptions(options: GeneratorOptions): void {
  if (options.voteTypes.length === 0) throw new RangeError('expected at least 1 vote type');
  if (new Set(options.voteTypes.map((type) => type.id)).size < options.voteTypes.length) {
    throw new RangeError('expected vote types with distinct ids');
  }
  if (options.candidates.maxCandidates < 3) throw new RangeError('expected maxCandidates >= 3');
  if (options.units.maxUnits < 2) throw new RangeError('expected maxUnits >= 2');
  const ranges: [string, Range][] = [
    ['candidates.minorShareRange', options.candidates.minorShareRange],
    ['counting.releaseCountRange', options.counting.releaseCountRange],
    ['counting.nightGapMinutesRange', options.counting.nightGapMinutesRange],
    ['counting.dayGapHoursRange', options.counting.dayGapHoursRange],
    ['counting.decayPerReleaseRange', options.counting.decayPerReleaseRange],
    ['estimates.bigMissRatioRange', options.estimates.bigMissRatioRange],
    ['estimates.rangeLogSdRange', options.estimates.rangeLogSdRange],
  ];
  for (const [name, [low, high]] of ranges) {
    if (!(low <= high)) throw new RangeError(`expected ${name} as [low, high] with low <= high, got [${low}, ${high}]`);
  }
  if (options.counting.releaseCountRange[0] < 1) throw new RangeError('expected at least 1 release');
  if (options.counting.nightGapMinutesRange[0] < 1) throw new RangeError('expected release gaps of at least 1 minute');
}
