import type { Rule } from '../../core/schemas/index.ts';
import {
  drawBernoulli,
  drawDirichlet,
  drawHalfNormal,
  drawInteger,
  drawUniform,
  pickWeighted,
  shuffle,
} from './distributions.ts';
import type { GeneratorOptions } from './options.ts';
import type { Random } from './random.ts';

/**
 * Number of candidates: 2 with probability `twoCandidateProbability`, else uniform from 3 to `maxCandidates`.
 */
export function drawCandidateCount(options: GeneratorOptions['candidates'], random: Random): number {
  return drawBernoulli(options.twoCandidateProbability, random) ? 2 : drawInteger(3, options.maxCandidates, random);
}

/** The race's rule, with weights that depend on whether the race has 2 candidates or more. */
export function drawRule(candidateCount: number, options: GeneratorOptions['rules'], random: Random): Rule {
  const weights = candidateCount === 2 ? options.twoCandidateWeights : options.multiCandidateWeights;
  const kind = pickWeighted(weights, random);
  return kind === 'majority' ? { kind, threshold: options.majorityThreshold } : { kind };
}

/**
 * Race-wide shares of the candidates, in random order, summing to 1.
 *
 * 1. Each candidate beyond the first two is minor with probability `minorProbability`, with a share
 *    uniform in `minorShareRange` (1–3% by default).
 * 2. The major candidates split the rest by a Dirichlet draw.
 * 3. The gap between the two leaders is redrawn from a half-normal (sd `leaderMarginSd`), keeping their
 *    sum and keeping the runner-up above everyone else, so margins run from landslides to near ties.
 * 4. The shares are shuffled, so c1 is not always the leader.
 */
export function drawBaseShares(
  candidateCount: number,
  options: GeneratorOptions['candidates'],
  random: Random,
): number[] {
  const minorShares: number[] = [];
  for (let index = 2; index < candidateCount; index += 1) {
    if (drawBernoulli(options.minorProbability, random)) minorShares.push(drawUniform(...options.minorShareRange, random));
  }
  const majorCount = candidateCount - minorShares.length;
  const majorMass = 1 - minorShares.reduce((sum, share) => sum + share, 0);
  const majorShares = drawDirichlet(new Array<number>(majorCount).fill(options.majorConcentration), random)
    .map((share) => share * majorMass)
    .sort((a, b) => b - a);
  const floor = Math.max(options.minRunnerUpShare, majorShares[2] ?? 0, ...minorShares);
  setLeaderMargin(majorShares, drawHalfNormal(options.leaderMarginSd, random), floor);
  return shuffle([...majorShares, ...minorShares], random);
}

/** Sets the gap between the first two of `sharesDescending` in place, keeping their sum and the runner-up >= floor. */
function setLeaderMargin(sharesDescending: number[], margin: number, floor: number): void {
  const pairTotal = sharesDescending[0] + sharesDescending[1];
  const largestMargin = Math.max(0, pairTotal - 2 * floor);
  const boundedMargin = Math.min(margin, largestMargin);
  sharesDescending[0] = (pairTotal + boundedMargin) / 2;
  sharesDescending[1] = (pairTotal - boundedMargin) / 2;
}
