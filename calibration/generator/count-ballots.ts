import { drawNormal } from './distributions.ts';
import { drawMultinomial } from './draw-votes.ts';
import type { UnitSchedule } from './counting-schedule.ts';
import type { Random } from './random.ts';
import type { UnitElectorate } from './unit-electorate.ts';

/** The count of one unit: cumulative votes by release and final votes by vote type. */
export interface UnitCount {
  /** Cumulative votes of each candidate by each release: [release][candidate]. */
  readonly countedByRelease: readonly (readonly number[])[];
  /** Final votes of each candidate in each vote type: [type][candidate]. */
  readonly finalByType: readonly (readonly number[])[];
}

/**
 * Counts a unit's ballots release by release. A unit counts its vote types in order, so each release's
 * new ballots are cut into pieces by vote type. Each piece is a batch: its candidate shares are the
 * type's shares with a small normal logit noise (sd `batchNoiseSd`), and its votes a multinomial draw.
 */
export function countUnitBallots(
  electorate: UnitElectorate,
  schedule: UnitSchedule,
  batchNoiseSd: number,
  random: Random,
): UnitCount {
  const candidateCount = electorate.logitsByType[0].length;
  const finalByType = electorate.votesByType.map(() => new Array<number>(candidateCount).fill(0));
  const running = new Array<number>(candidateCount).fill(0);
  let ballotsBefore = 0;
  const countedByRelease = schedule.countedBallots.map((ballotsAfter) => {
    for (const piece of splitByVoteType(ballotsBefore, ballotsAfter, electorate.votesByType)) {
      const shares = sharesWithNoise(electorate.logitsByType[piece.type], batchNoiseSd, random);
      drawMultinomial(piece.ballots, shares, random).forEach((votes, candidate) => {
        running[candidate] += votes;
        finalByType[piece.type][candidate] += votes;
      });
    }
    ballotsBefore = ballotsAfter;
    return [...running];
  });
  return { countedByRelease, finalByType };
}

/**
 * The ballots from position `from` to `to` of a unit's counting order, cut where one vote type ends and
 * the next begins.
 * @example splitByVoteType(8, 15, [10, 5, 5]) // [{ type: 0, ballots: 2 }, { type: 1, ballots: 5 }]
 */
export function splitByVoteType(
  from: number,
  to: number,
  votesByType: readonly number[],
): { type: number; ballots: number }[] {
  const pieces: { type: number; ballots: number }[] = [];
  let typeStart = 0;
  votesByType.forEach((votes, type) => {
    const overlap = Math.min(to, typeStart + votes) - Math.max(from, typeStart);
    if (overlap > 0) pieces.push({ type, ballots: overlap });
    typeStart += votes;
  });
  return pieces;
}

/** Softmax of the logits after adding independent normal noise to each: shares in [0, 1] summing to 1. */
function sharesWithNoise(logits: readonly number[], noiseSd: number, random: Random): number[] {
  const noisy = logits.map((logit) => logit + drawNormal(0, noiseSd, random));
  const largest = Math.max(...noisy);
  const weights = noisy.map((logit) => Math.exp(logit - largest));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}
