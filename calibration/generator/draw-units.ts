import { drawBernoulli, drawLogNormal, drawUniform } from './distributions.ts';
import type { GeneratorOptions } from './options.ts';
import type { Random } from './random.ts';

/**
 * Valid votes in each unit of a race. With probability `singleUnitProbability` the race is one unit
 * (sized by `singleUnitVotes`); otherwise it has a log-uniform number of units from 2 to `maxUnits`,
 * each log-normal around a race median that is itself log-normal. Every unit has >= `minUnitVotes`.
 */
export function drawUnitVotes(options: GeneratorOptions['units'], random: Random): number[] {
  if (drawBernoulli(options.singleUnitProbability, random)) {
    return [roundVotes(drawLogNormal(options.singleUnitVotes.median, options.singleUnitVotes.logSd, random), options)];
  }
  const unitCount = drawUnitCount(options.maxUnits, random);
  const raceMedian = drawLogNormal(options.raceMedianUnitVotes.median, options.raceMedianUnitVotes.logSd, random);
  return Array.from({ length: unitCount }, () => roundVotes(drawLogNormal(raceMedian, options.unitVotesLogSd, random), options));
}

/** A log-uniform whole number from 2 to maxUnits. */
function drawUnitCount(maxUnits: number, random: Random): number {
  const count = Math.floor(Math.exp(drawUniform(Math.log(2), Math.log(maxUnits + 1), random)));
  return Math.min(maxUnits, Math.max(2, count));
}

function roundVotes(votes: number, options: GeneratorOptions['units']): number {
  return Math.max(options.minUnitVotes, Math.round(votes));
}
