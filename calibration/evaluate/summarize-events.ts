import { brierScore } from './brier-score.ts';
import { falseCalls, type FalseCalls } from './false-calls.ts';
import { logLoss } from './log-loss.ts';
import type { ProbabilityEvent } from './probability-events.ts';
import { reliabilityTable, type ReliabilityBin } from './reliability-table.ts';

/** Scores of a set of probability events. */
export interface EventsSummary {
  readonly events: number;
  /** Mean squared error of the probabilities, in [0, 1]; see `brierScore`. */
  readonly brierScore: number;
  /** Standard error of the Brier score, sd of the squared errors / sqrt(events), as if events were independent. */
  readonly brierStandardError: number;
  /** Mean log loss in nats, probabilities clipped to [1e-6, 1 − 1e-6]; see `logLoss`. */
  readonly logLoss: number;
  readonly reliability: readonly ReliabilityBin[];
  readonly falseCalls: FalseCalls;
  /**
   * Brier scores of two forecasters with no model, on the same events, for first-place events only:
   * `uniform` gives every candidate 1/k; `countLeader` gives 1 to whoever leads the count so far and 0 to
   * the rest (its Brier score is the share of events it gets wrong).
   */
  readonly baselines: { readonly uniform: number; readonly countLeader: number } | null;
}

/**
 * Brier score, log loss, a 10-bin reliability table and false calls at 99% for a set of events.
 * @example summarizeEvents(events, true).brierScore // 0.04 for [0.8 happened, 0.2 did not]
 */
export function summarizeEvents(events: readonly ProbabilityEvent[], firstPlaceBaselines: boolean): EventsSummary {
  const brier = brierScore(events);
  return {
    events: events.length,
    brierScore: brier,
    brierStandardError: brierStandardError(events, brier),
    logLoss: logLoss(events),
    reliability: reliabilityTable(events, 10),
    falseCalls: falseCalls(events, 0.99),
    baselines: firstPlaceBaselines
      ? {
          uniform: brierScore(events, (event) => 1 / event.candidateCount),
          countLeader: brierScore(events, (event) => (event.leadsCount ? 1 : 0)),
        }
      : null,
  };
}

/** sd of the per-event squared errors over sqrt(n): the Monte Carlo error of a mean of independent terms. */
function brierStandardError(events: readonly ProbabilityEvent[], brier: number): number {
  if (events.length < 2) return Number.NaN;
  let sumOfSquares = 0;
  for (const event of events) sumOfSquares += ((event.predicted - (event.happened ? 1 : 0)) ** 2 - brier) ** 2;
  return Math.sqrt(sumOfSquares / (events.length - 1) / events.length);
}
