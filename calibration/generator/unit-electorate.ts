import { drawDirichlet, drawNormal } from './distributions.ts';
import { drawMultinomial } from './draw-votes.ts';
import type { RaceSpec } from './race-spec.ts';
import type { Random } from './random.ts';

/** The ballots of one unit: how many of each vote type, and how each type leans. */
export interface UnitElectorate {
  /** Unit id such as `u001`. */
  readonly id: string;
  /** Valid votes of each vote type, in the race's counting order; they sum to the unit's votes. */
  readonly votesByType: readonly number[];
  /** Log-odds of each candidate (c1, c2, …) in each vote type, before batch noise: [type][candidate]. */
  readonly logitsByType: readonly (readonly number[])[];
}

/**
 * The unit id for a 0-based unit index.
 * @example unitIdFor(0) // 'u001'
 */
export function unitIdFor(unitIndex: number): string {
  return `u${String(unitIndex + 1).padStart(3, '0')}`;
}

/**
 * Draws every unit's ballots:
 * 1. the unit's vote-type mix, a Dirichlet draw around the race's, and its votes split by that mix;
 * 2. the unit's lean, one normal logit shift per candidate (sd `unitLeanSd`), for all its ballots;
 * 3. for each vote type, the race's shift plus the unit's own normal departure (sd `unitDriftSd`).
 * A candidate's logit in a type is log(base share) + lean + type shift + departure.
 */
export function drawUnitElectorates(spec: RaceSpec, random: Random): UnitElectorate[] {
  return spec.unitVotes.map((votes, unitIndex) => {
    const concentrations = spec.voteTypes.map((type) => Math.max(1e-3, type.share * spec.unitMixConcentration));
    const votesByType = drawMultinomial(votes, drawDirichlet(concentrations, random), random);
    const lean = spec.baseShares.map((share) => Math.log(share) + drawNormal(0, spec.unitLeanSd, random));
    const logitsByType = spec.voteTypes.map((type) =>
      lean.map((logit, candidate) => logit + type.logitShift[candidate] + drawNormal(0, spec.unitDriftSd, random)),
    );
    return { id: unitIdFor(unitIndex), votesByType, logitsByType };
  });
}
