import type { Outstanding } from '../../core/schemas/index.ts';

/** Expected votes in the race per registered voter, and the 90% range around it, for `--turnout`. */
export interface TurnoutAssumption {
  readonly expected: number;
  readonly low: number;
  readonly high: number;
}

/** How far the 90% range of the turnout reaches either side of the expected turnout, in shares of the register. */
const TURNOUT_HALF_RANGE = 0.25;

/**
 * A turnout assumption centred on `expected` votes in the race per registered voter, with a 90% range 0.25
 * either side (at least 0.05, at most 1).
 * @example turnoutAround(0.3) // { expected: 0.3, low: 0.05, high: 0.55 }
 */
export function turnoutAround(expected: number): TurnoutAssumption {
  return { expected, low: Math.max(0.05, expected - TURNOUT_HALF_RANGE), high: Math.min(1, expected + TURNOUT_HALF_RANGE) };
}

/** The default: 60% of registered voters vote in the race, 90% range 35% to 85%. */
export const DEFAULT_TURNOUT: TurnoutAssumption = turnoutAround(0.6);

/**
 * Votes still to count in a unit from its registered voters, for feeds with no expected vote (Clarity):
 * the race's total there is taken to be registered × turnout (low and high likewise), and what the total
 * holds beyond the votes counted is outstanding, never below 0.
 * @example outstandingFromRegistration(1000, 4000, DEFAULT_TURNOUT) // { expected: 1400, low: 400, high: 2400 }
 */
export function outstandingFromRegistration(counted: number, registered: number, turnout: TurnoutAssumption): Outstanding {
  const beyond = (share: number) => Math.max(0, Math.round(registered * share) - counted);
  return { expected: beyond(turnout.expected), low: beyond(turnout.low), high: beyond(turnout.high) };
}
