import { drawBaseShares, drawCandidateCount, drawRule } from './draw-candidates.ts';
import { drawCountingPlan, drawEstimatePlan } from './draw-plans.ts';
import { drawUnitVotes } from './draw-units.ts';
import { drawVoteTypes } from './draw-vote-types.ts';
import type { GeneratorOptions } from './options.ts';
import type { RaceSpec } from './race-spec.ts';
import type { Random } from './random.ts';

/**
 * The slug of the race with this number.
 * @example raceIdFor(123) // 'synthetic-000123'
 */
export function raceIdFor(raceNumber: number): string {
  return `synthetic-${String(raceNumber).padStart(6, '0')}`;
}

/**
 * Draws the definition of one race from the options: candidates and rule, units, vote types and their
 * leans, counting plan and estimate errors. `raceNumber` only names the race.
 */
export function drawRaceSpec(raceNumber: number, options: GeneratorOptions, random: Random): RaceSpec {
  const candidateCount = drawCandidateCount(options.candidates, random);
  const rule = drawRule(candidateCount, options.rules, random);
  return {
    id: raceIdFor(raceNumber),
    name: `Synthetic race ${raceNumber} (${rule.kind}, ${candidateCount} candidates)`,
    rule,
    baseShares: drawBaseShares(candidateCount, options.candidates, random),
    unitVotes: drawUnitVotes(options.units, random),
    voteTypes: drawVoteTypes(candidateCount, options, random),
    unitMixConcentration: options.mix.unitConcentration,
    unitLeanSd: options.preferences.unitLeanSd,
    unitDriftSd: options.preferences.unitDriftSd,
    batchNoiseSd: options.preferences.batchNoiseSd,
    counting: drawCountingPlan(options.counting, random),
    estimates: drawEstimatePlan(options.estimates, random),
  };
}
