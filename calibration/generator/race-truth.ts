import type { Rule } from '../../core/schemas/index.ts';

/** What really happened in a synthetic race, for scoring forecasts against. */
export interface RaceTruth {
  /** Final votes of each candidate: the counts of the final release, summed over units. */
  readonly finalVotes: Record<string, number>;
  /** Final share of each candidate, in [0, 1], summing to 1. */
  readonly finalShares: Record<string, number>;
  readonly totalVotes: number;
  /** Candidate ids from most to fewest final votes; ties keep candidate order. */
  readonly ranking: readonly string[];
  /**
   * Who wins or goes on under the rule: `plurality` gives the leader; `majority` gives the leader when
   * their share exceeds the threshold, else the top two (a runoff); `top-two` gives the top two.
   */
  readonly winnerIds: readonly string[];
  /** `won` (plurality, or majority outright), `runoff` (majority without one) or `advance` (top-two). */
  readonly outcome: 'won' | 'runoff' | 'advance';
  /** Final votes by vote type (`early-mail`, …) and candidate, summed over units. */
  readonly votesByType: Record<string, Record<string, number>>;
}

/**
 * The rule's verdict on final votes.
 * @example decideOutcome({ kind: 'majority', threshold: 0.5 }, { c1: 45, c2: 40, c3: 15 })
 * // { ranking: ['c1', 'c2', 'c3'], winnerIds: ['c1', 'c2'], outcome: 'runoff' }
 */
export function decideOutcome(
  rule: Rule,
  finalVotes: Readonly<Record<string, number>>,
): Pick<RaceTruth, 'ranking' | 'winnerIds' | 'outcome'> {
  // Array.prototype.sort is stable, so tied candidates keep their order.
  const ranking = Object.keys(finalVotes).sort((a, b) => finalVotes[b] - finalVotes[a]);
  const topTwo = ranking.slice(0, 2);
  if (rule.kind === 'plurality') return { ranking, winnerIds: [ranking[0]], outcome: 'won' };
  if (rule.kind === 'top-two') return { ranking, winnerIds: topTwo, outcome: 'advance' };
  const totalVotes = Object.values(finalVotes).reduce((sum, votes) => sum + votes, 0);
  const outright = finalVotes[ranking[0]] > (rule.threshold ?? 0.5) * totalVotes;
  return outright ? { ranking, winnerIds: [ranking[0]], outcome: 'won' } : { ranking, winnerIds: topTwo, outcome: 'runoff' };
}

/** Shares of a vote record: each value over the total, or 0 when the total is 0. */
export function sharesOf(votes: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(votes).reduce((sum, count) => sum + count, 0);
  return Object.fromEntries(Object.entries(votes).map(([id, count]) => [id, total === 0 ? 0 : count / total]));
}
