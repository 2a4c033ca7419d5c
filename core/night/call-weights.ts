import type { RaceOutcomes } from './race-outcomes.ts';

/**
 * How much less a draw counts for each called race whose drawn winner is not the called candidate: about
 * how often a desk's (or AP's) call turns out wrong, which is rarer than 1 in 100. See docs/model.md,
 * "Calls in the night's summary".
 */
export const CONTRADICTION_WEIGHT = 0.01;

/**
 * The index in `race.candidates` of the candidate its standing call names, or undefined when the race is
 * not called (or the call names no candidate of the outcomes, which the count file's checks rule out).
 */
export function calledIndex(race: RaceOutcomes): number | undefined {
  if (race.call === undefined) return undefined;
  const index = race.candidates.findIndex((candidate) => candidate.id === race.call!.candidate);
  return index < 0 ? undefined : index;
}

/**
 * The weight of each draw given the calls: ε^m, where m is the number of called races whose drawn winner
 * contradicts the call and ε is `contradictionWeight` (Bayes' rule with a call that is wrong with
 * likelihood ε: a draw that contradicts a call is ε times as plausible as one that agrees). The exponent is
 * counted from the draw with fewest contradictions, so no weight underflows; normalising divides that out.
 * Every weight is 1 when no race is called.
 * @example drawWeights([race called for its candidate 0, drawn winners [0, 1, 0]], 0.01) // [1, 0.01, 1]
 */
export function drawWeights(races: readonly RaceOutcomes[], draws: number, contradictionWeight = CONTRADICTION_WEIGHT): Float64Array {
  const contradictions = new Int32Array(draws);
  for (const race of races) {
    const called = calledIndex(race);
    if (called === undefined) continue;
    for (let draw = 0; draw < draws; draw++) if (race.seatWinners[draw] !== called) contradictions[draw]++;
  }
  const fewest = contradictions.reduce((least, count) => Math.min(least, count), Number.POSITIVE_INFINITY);
  return Float64Array.from(contradictions, (count) => (count === fewest ? 1 : contradictionWeight ** (count - fewest)));
}
