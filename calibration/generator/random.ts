import seedrandom from 'seedrandom';

/** A source of uniform random numbers in [0, 1). Every function that draws takes one as a parameter. */
export type Random = () => number;

/**
 * Creates a seeded random source (the Alea generator of `seedrandom`). This is the only place in the
 * generator that turns a seed into a random source; everything else receives one as a parameter.
 *
 * @param seed any string; the same seed always gives the same sequence.
 * @example createRandom('seed')() === createRandom('seed')() // true
 */
export function createRandom(seed: string): Random {
  return seedrandom.alea(seed);
}
