/**
 * Synthetic elections for calibration checks: "true" races and the history of their counts, drawn
 * independently of the forecasting model in core/model. See README.md in this folder.
 */
export { generateRace, type SyntheticRace } from './generate-race.ts';
export { generateRaces, type GeneratedRace } from './generate-races.ts';
export { drawRaceSpec, raceIdFor } from './draw-race-spec.ts';
export { truncateAt, fractionCountedByRelease } from './truncate-at.ts';
export { createRandom, type Random } from './random.ts';
export { decideOutcome, type RaceTruth } from './race-truth.ts';
export {
  DEFAULT_GENERATOR_OPTIONS,
  resolveGeneratorOptions,
  type GeneratorOptions,
  type GeneratorOptionsOverrides,
} from './options.ts';
export type { RaceSpec, VoteTypeSpec, CountingPlan, EstimatePlan } from './race-spec.ts';
