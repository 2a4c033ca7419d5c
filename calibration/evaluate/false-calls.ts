import type { ProbabilityEvent } from './probability-events.ts';
import { proportion, type Proportion } from './proportion.ts';

/** How often near-certain forecasts were wrong, both ways. */
export interface FalseCalls {
  readonly threshold: number;
  /** Of the events forecast at >= threshold: how many did not happen. */
  readonly confident: Proportion;
  /** The mirror: of the events forecast at <= 1 − threshold, how many happened. */
  readonly dismissed: Proportion;
}

/**
 * False calls at `threshold` (0.99 by default): events given at least that probability that did not
 * happen, and, mirrored, events given at most 1 − threshold that did. A calibrated forecaster is wrong in
 * under 1 − threshold of its confident calls.
 * @example falseCalls([{ predicted: 0.995, happened: false }, { predicted: 1, happened: true }]).confident.rate // 0.5
 */
export function falseCalls(events: readonly Pick<ProbabilityEvent, 'predicted' | 'happened'>[], threshold = 0.99): FalseCalls {
  const confident = events.filter((event) => event.predicted >= threshold);
  // 1 − 0.99 is 0.010000000000000009 in floating point; round so that a forecast of 0.01 counts.
  const dismissedBelow = Math.round((1 - threshold) * 1e12) / 1e12;
  const dismissed = events.filter((event) => event.predicted <= dismissedBelow);
  return {
    threshold,
    confident: proportion(confident.filter((event) => !event.happened).length, confident.length),
    dismissed: proportion(dismissed.filter((event) => event.happened).length, dismissed.length),
  };
}
