import { drawDirichlet, drawLogNormal, drawNormal } from './distributions.ts';
import type { GeneratorOptions } from './options.ts';
import type { VoteTypeSpec } from './race-spec.ts';
import type { Random } from './random.ts';

/**
 * The race's vote types: their shares of the race's votes and each candidate's logit shift in each.
 *
 * 1. The race's mix of vote types is a Dirichlet draw around the `meanShare`s.
 * 2. The race draws a drift scale (log-normal), then a trend: one normal logit shift per candidate
 *    with that sd. It is the direction in which later ballots break, and can favour anyone.
 * 3. Each type takes `trendLoading` × the trend, plus its own normal shift of sd
 *    `ownShiftScale` × the drift scale.
 * 4. For each candidate, the shifts are centred so that their average weighted by the mix is 0; so the
 *    base shares stay the race's overall shares and early and late types lean in opposite directions.
 */
export function drawVoteTypes(candidateCount: number, options: GeneratorOptions, random: Random): VoteTypeSpec[] {
  const meanShares = options.voteTypes.map((type) => type.meanShare);
  const meanTotal = meanShares.reduce((sum, share) => sum + share, 0);
  const mix = drawDirichlet(meanShares.map((share) => (share / meanTotal) * options.mix.raceConcentration), random);
  const driftScale = drawLogNormal(options.preferences.driftScale.median, options.preferences.driftScale.logSd, random);
  const trend = drawNormalVector(candidateCount, driftScale, random);
  const rawShifts = options.voteTypes.map((type) => {
    const own = drawNormalVector(candidateCount, type.ownShiftScale * driftScale, random);
    return trend.map((trendShift, candidate) => type.trendLoading * trendShift + own[candidate]);
  });
  const centred = centreShifts(rawShifts, mix);
  return options.voteTypes.map((type, index) => ({ id: type.id, share: mix[index], logitShift: centred[index] }));
}

function drawNormalVector(length: number, sd: number, random: Random): number[] {
  return Array.from({ length }, () => drawNormal(0, sd, random));
}

/** Subtracts, for each candidate, the mix-weighted average shift over the vote types. */
function centreShifts(shifts: readonly (readonly number[])[], mix: readonly number[]): number[][] {
  const candidateCount = shifts[0].length;
  const averages = Array.from({ length: candidateCount }, (_, candidate) =>
    shifts.reduce((sum, typeShifts, type) => sum + mix[type] * typeShifts[candidate], 0),
  );
  return shifts.map((typeShifts) => typeShifts.map((shift, candidate) => shift - averages[candidate]));
}
