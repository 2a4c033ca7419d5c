import type { ProbabilityEvent } from './probability-events.ts';

/**
 * The Brier score: the mean squared difference between the forecast probability and the outcome (1 if
 * the event happened, else 0), in [0, 1]; lower is better. `probabilityOf` picks the probability to
 * score, the forecast's by default, so that baselines can be scored on the same events.
 * Returns NaN for no events. See Brier (1950), "Verification of forecasts expressed in terms of probability".
 * @example brierScore([{ predicted: 0.8, happened: true }, { predicted: 0.2, happened: false }]) // 0.04 (up to rounding)
 */
export function brierScore<Event extends Pick<ProbabilityEvent, 'predicted' | 'happened'>>(
  events: readonly Event[],
  probabilityOf: (event: Event) => number = (event) => event.predicted,
): number {
  let sum = 0;
  for (const event of events) sum += (probabilityOf(event) - (event.happened ? 1 : 0)) ** 2;
  return events.length === 0 ? Number.NaN : sum / events.length;
}
