import type { Rule } from '../schemas/count-file.ts';
import { creditTop } from './credit-top.ts';

/** How often each candidate reached each outcome, as a share of draws in [0, 1]. */
export interface OutcomeShares {
  /** Plurality: won the race. Majority and top-two: finished first. Sums to 1 over candidates. */
  readonly first: Float64Array;
  /** Majority: won outright (more than the threshold). Undefined for other rules. */
  readonly outright?: Float64Array;
  /** Majority: won outright or made the runoff. Top-two: finished in the top two. Sums to 2 less runoffs avoided. */
  readonly advance?: Float64Array;
  /** Majority: share of draws with nobody above the threshold. */
  readonly runoff?: number;
}

/**
 * Applies the race's rule to every draw and counts the outcomes. `finalVotes` holds draws × candidates.
 * A majority race needs more than `threshold` (default 0.5) of all votes to win outright; otherwise the
 * top two advance to a runoff. A top-two race always advances the top two.
 */
export function tallyOutcomes(finalVotes: Float64Array, candidateCount: number, rule: Rule): OutcomeShares {
  const draws = finalVotes.length / candidateCount;
  const first = new Float64Array(candidateCount);
  const advance = new Float64Array(candidateCount);
  const outright = new Float64Array(candidateCount);
  const sorted = new Float64Array(candidateCount);
  let runoffs = 0;
  const threshold = rule.kind === 'majority' ? (rule.threshold ?? 0.5) : 0;
  for (let draw = 0; draw < draws; draw++) {
    const offset = draw * candidateCount;
    creditTop(finalVotes, offset, 1, first, sorted);
    if (rule.kind === 'plurality') continue;
    if (rule.kind === 'majority') {
      const leader = winnerAboveThreshold(finalVotes, offset, candidateCount, threshold);
      if (leader >= 0) {
        outright[leader] += 1;
        advance[leader] += 1;
        continue;
      }
      runoffs++;
    }
    creditTop(finalVotes, offset, 2, advance, sorted);
  }
  const share = (counts: Float64Array) => counts.map((count) => count / draws);
  if (rule.kind === 'plurality') return { first: share(first) };
  if (rule.kind === 'top-two') return { first: share(first), advance: share(advance) };
  return { first: share(first), outright: share(outright), advance: share(advance), runoff: runoffs / draws };
}

/**
 * The candidate with more than `threshold` of the draw's votes, or -1 when there is none. The share is
 * compared, not votes against threshold × total: 63 of 90 is exactly 0.7 as a double, while 0.7 × 90 is
 * 62.999…, which would count exactly 70% as more than 70%.
 */
function winnerAboveThreshold(votes: Float64Array, offset: number, candidateCount: number, threshold: number): number {
  let total = 0;
  for (let candidate = 0; candidate < candidateCount; candidate++) total += votes[offset + candidate];
  if (!(total > 0)) return -1;
  for (let candidate = 0; candidate < candidateCount; candidate++) {
    if (votes[offset + candidate] / total > threshold) return candidate;
  }
  return -1;
}
