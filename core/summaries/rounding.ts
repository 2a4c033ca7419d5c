/** Rounds to whole votes; -0 becomes 0 so that output bytes never depend on the sign of zero. */
export const roundVotes = (value: number): number => Math.round(value) + 0;

/** Rounds shares and probabilities to six decimals, finer than any Monte Carlo error we report. */
export const roundShare = (value: number): number => Math.round(value * 1e6) / 1e6 + 0;
