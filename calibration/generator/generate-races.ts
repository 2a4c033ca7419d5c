import { drawRaceSpec } from './draw-race-spec.ts';
import { generateRace, type SyntheticRace } from './generate-race.ts';
import { resolveGeneratorOptions, type GeneratorOptionsOverrides } from './options.ts';
import type { RaceSpec } from './race-spec.ts';
import { createRandom } from './random.ts';

/** A generated race with the spec it was drawn from. */
export interface GeneratedRace extends SyntheticRace {
  readonly spec: RaceSpec;
}

/**
 * Yields `count` varied races, `synthetic-000001` onwards. Race n draws its spec from the seeded stream
 * `${seed}/race/${n}/spec` and its ballots from `${seed}/race/${n}/ballots`, so the same seed and
 * options give deep-equal races, and race n does not depend on how many races are asked for.
 * @param overrides realism knobs laid over `DEFAULT_GENERATOR_OPTIONS`.
 * @throws RangeError when the options are unusable (see `resolveGeneratorOptions`).
 * @example [...generateRaces(2, 'seed')].map((race) => race.countFile.race.id) // ['synthetic-000001', 'synthetic-000002']
 */
export function* generateRaces(
  count: number,
  seed: string,
  overrides: GeneratorOptionsOverrides = {},
): Generator<GeneratedRace, void, undefined> {
  const options = resolveGeneratorOptions(overrides);
  for (let raceNumber = 1; raceNumber <= count; raceNumber += 1) {
    const spec = drawRaceSpec(raceNumber, options, createRandom(`${seed}/race/${raceNumber}/spec`));
    yield { spec, ...generateRace(spec, createRandom(`${seed}/race/${raceNumber}/ballots`)) };
  }
}
