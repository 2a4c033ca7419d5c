import type { CountFile } from '../core/schemas/index.ts';
import type { GeneratedRace } from './generator/index.ts';

/** Dimensions to break calibration results down by, in report order, with their labels in order. */
export const TAG_ORDER: Readonly<Record<string, readonly string[]>> = {
  rule: ['plurality', 'majority', 'top-two'],
  candidates: ['2', '3+'],
  counted: ['<20%', '20–40%', '40–60%', '60–80%', '>=80%'],
  'final margin': ['<2 pts', '2–5 pts', '5–10 pts', '>=10 pts'],
  'late-early drift': ['<3 pts', '3–8 pts', '>=8 pts'],
  'units not yet seen': ['no', 'yes'],
  units: ['single', 'several'],
  'stated ranges': ['yes', 'no'],
  'estimate bias': ['ordinary', 'big miss'],
};

/**
 * Labels of one forecast for the breakdowns of `TAG_ORDER`:
 * - rule and candidates (2 or 3+);
 * - counted: fraction of the final total counted at the release;
 * - final margin: the final leader's share minus the runner-up's, in points;
 * - late-early drift: |the final leader's share among late-mail ballots − among early-mail ballots|, in
 *   points (the trend the generator builds into the count);
 * - units not yet seen: whether units that count votes later are missing from the release (late joiners,
 *   which no forecaster can see);
 * - units: single or several; stated ranges: whether the race gives 90% ranges of outstanding votes;
 * - estimate bias: "big miss" when the race's estimates of outstanding votes are below 0.7 of the truth.
 */
export function raceTags(race: GeneratedRace, releaseIndex: number, fractionCounted: number): Record<string, string> {
  const { spec, truth, countFile } = race;
  const margin = truth.finalShares[truth.ranking[0]] - truth.finalShares[truth.ranking[1]];
  return {
    rule: countFile.race.rule.kind,
    candidates: countFile.race.candidates.length === 2 ? '2' : '3+',
    counted: bandLabel(fractionCounted, [0.2, 0.4, 0.6, 0.8], TAG_ORDER.counted),
    'final margin': bandLabel(margin, [0.02, 0.05, 0.1], TAG_ORDER['final margin']),
    'late-early drift': bandLabel(Math.abs(lateMinusEarlyLeaderShare(race)), [0.03, 0.08], TAG_ORDER['late-early drift']),
    'units not yet seen': hasUnseenUnits(countFile, releaseIndex) ? 'yes' : 'no',
    units: spec.unitVotes.length === 1 ? 'single' : 'several',
    'stated ranges': spec.estimates.rangeLogSd === null ? 'no' : 'yes',
    'estimate bias': Math.exp(spec.estimates.logBias) < 0.7 ? 'big miss' : 'ordinary',
  };
}

/** The label of the band holding `value`, given ascending inner edges (a value on an edge goes up). */
function bandLabel(value: number, edges: readonly number[], labels: readonly string[]): string {
  const band = edges.findIndex((edge) => value < edge);
  return labels[band === -1 ? edges.length : band];
}

/** The final leader's share among the last vote type's ballots minus among the first type's. */
function lateMinusEarlyLeaderShare({ truth }: GeneratedRace): number {
  const leader = truth.ranking[0];
  const types = Object.values(truth.votesByType);
  const shareOf = (votes: Record<string, number>) => {
    const total = Object.values(votes).reduce((sum, count) => sum + count, 0);
    return total === 0 ? 0 : votes[leader] / total;
  };
  return shareOf(types.at(-1)!) - shareOf(types[0]);
}

/** Whether the final release has units that the release at `releaseIndex` does not list. */
function hasUnseenUnits(countFile: CountFile, releaseIndex: number): boolean {
  const seen = new Set(countFile.releases[releaseIndex].units.map((unit) => unit.id));
  return countFile.releases.at(-1)!.units.some((unit) => !seen.has(unit.id));
}
