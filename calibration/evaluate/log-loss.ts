import type { ProbabilityEvent } from './probability-events.ts';

/** Probabilities are clipped to [CLIP, 1 − CLIP] before taking logs, so a forecast of 0 that happens costs ≈ 13.8, not infinity. */
export const LOG_LOSS_CLIP = 1e-6;

/**
 * The log loss: the mean of −ln(p) over events that happened and −ln(1 − p) over events that did not,
 * in nats, in [0, −ln(clip)]; lower is better. Each probability is first clipped to [clip, 1 − clip].
 * Forecast probabilities are shares of Monte Carlo draws, so a 0 means "never in the draws", not
 * "impossible"; clipping keeps one such surprise from making the loss infinite.
 * Returns NaN for no events.
 * @example logLoss([{ predicted: 0.5, happened: true }]) // 0.6931 (ln 2)
 */
export function logLoss(events: readonly Pick<ProbabilityEvent, 'predicted' | 'happened'>[], clip = LOG_LOSS_CLIP): number {
  let sum = 0;
  for (const event of events) {
    const probability = Math.min(Math.max(event.predicted, clip), 1 - clip);
    sum -= Math.log(event.happened ? probability : 1 - probability);
  }
  return events.length === 0 ? Number.NaN : sum / events.length;
}
