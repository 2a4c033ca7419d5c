import { decideOutcome, sharesOf, type RaceTruth } from '../../calibration/generator/race-truth.ts';
import type { CountFile } from '../../core/schemas/index.ts';
import { releaseTotals } from './release-totals.ts';

/** The truth a real count file gives: its last release, taken as final. */
export type BacktestTruth = Pick<RaceTruth, 'finalVotes' | 'finalShares' | 'totalVotes' | 'ranking' | 'winnerIds' | 'outcome'>;

/**
 * The truth of a count file: the final votes per candidate (the last release, summed over units), their
 * shares, and the race's rule applied to them (`decideOutcome`, the verdict calibration scores against).
 * @example finalTruth(file).ranking[0] // the candidate with the most votes in the last release
 */
export function finalTruth(countFile: CountFile): BacktestTruth {
  const candidateIds = countFile.race.candidates.map((candidate) => candidate.id);
  const { counted: finalVotes, countedTotal: totalVotes } = releaseTotals(countFile.releases.at(-1)!, candidateIds);
  return { finalVotes, finalShares: sharesOf(finalVotes), totalVotes, ...decideOutcome(countFile.race.rule, finalVotes) };
}
