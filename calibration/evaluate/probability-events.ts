import type { CandidateForecast, Margin } from '../../core/schemas/index.ts';
import type { RaceTruth } from '../generator/index.ts';

/**
 * The questions a forecast puts a probability on:
 * - `first`: the candidate finishes first in the final count (`winProbability`; under plurality, wins).
 * - `outright`: majority rule, the candidate wins without a runoff (`outrightProbability`).
 * - `advance`: majority rule, wins outright or makes the runoff; top-two, finishes in the top two
 *   (`advanceProbability`).
 * - `runoff`: majority rule, nobody passes the threshold (`runoffProbability`); one per race.
 */
export type EventKind = 'first' | 'outright' | 'advance' | 'runoff';

/** One forecast probability and whether the event happened. */
export interface ProbabilityEvent {
  readonly kind: EventKind;
  /** The candidate the event is about; null for `runoff`. */
  readonly candidateId: string | null;
  /** The forecast probability, in [0, 1]. */
  readonly predicted: number;
  readonly happened: boolean;
  /** The candidate is one of the forecast's two leaders (`margin.between`); always true for `runoff`. */
  readonly leading: boolean;
  /** The candidate has the most votes counted at the forecast's release (the first listed on a tie). */
  readonly leadsCount: boolean;
  /** Number of candidates in the race. */
  readonly candidateCount: number;
}

/** What the event scoring reads from a forecast. */
export interface ProbabilityForecast {
  readonly candidates: readonly Pick<
    CandidateForecast,
    'id' | 'winProbability' | 'outrightProbability' | 'advanceProbability' | 'votesCounted'
  >[];
  readonly runoffProbability?: number;
  readonly margin: Pick<Margin, 'between'>;
}

type Truth = Pick<RaceTruth, 'ranking' | 'winnerIds' | 'outcome'>;

/**
 * Every probability the forecast states, paired with what happened. A `first` event for each candidate;
 * an `outright` and an `advance` event for each candidate when the forecast gives them (majority); an
 * `advance` event for each candidate under top-two; one `runoff` event when the forecast gives it.
 * The truth decides: first = `ranking[0]`; outright = the race was won outright by the candidate;
 * advance = the candidate is in `winnerIds`; runoff = the outcome is `runoff`.
 * @example probabilityEvents(twoCandidatePluralityForecast, truth).map((event) => [event.predicted, event.happened])
 * // [[0.8, true], [0.2, false]] when c1 was given 0.8 and won
 */
export function probabilityEvents(forecast: ProbabilityForecast, truth: Truth): ProbabilityEvent[] {
  const candidateCount = forecast.candidates.length;
  const countLeader = countLeaderId(forecast);
  const events: ProbabilityEvent[] = [];
  for (const candidate of forecast.candidates) {
    const id = candidate.id;
    const about = { candidateId: id, leading: forecast.margin.between.includes(id), leadsCount: id === countLeader, candidateCount };
    events.push({ kind: 'first', predicted: candidate.winProbability, happened: truth.ranking[0] === id, ...about });
    if (candidate.outrightProbability !== undefined) {
      const wonOutright = truth.outcome === 'won' && truth.winnerIds[0] === id;
      events.push({ kind: 'outright', predicted: candidate.outrightProbability, happened: wonOutright, ...about });
    }
    if (candidate.advanceProbability !== undefined) {
      events.push({ kind: 'advance', predicted: candidate.advanceProbability, happened: truth.winnerIds.includes(id), ...about });
    }
  }
  if (forecast.runoffProbability !== undefined) {
    events.push({
      kind: 'runoff',
      candidateId: null,
      predicted: forecast.runoffProbability,
      happened: truth.outcome === 'runoff',
      leading: true,
      leadsCount: false,
      candidateCount,
    });
  }
  return events;
}

/** The candidate with the most votes counted, the first listed on a tie; undefined when counts are missing. */
function countLeaderId(forecast: ProbabilityForecast): string | undefined {
  let leader: { id: string; votes: number } | undefined;
  for (const candidate of forecast.candidates) {
    if (candidate.votesCounted === undefined) return undefined;
    if (leader === undefined || candidate.votesCounted > leader.votes) leader = { id: candidate.id, votes: candidate.votesCounted };
  }
  return leader?.id;
}
