import seedrandom from 'seedrandom';
import { RandomStream } from './random-stream.ts';

/** Draws are simulated in blocks of this many; each block has its own stream. */
export const DRAWS_PER_BLOCK = 1024;

/**
 * The only place that turns a seed into a generator. The stream of a block depends on the seed, the race
 * and the block's index alone, so a run gives the same draws however its blocks are shared among threads.
 * seedrandom's ARC4 hashes the key into the four sfc32 state words.
 * @example streamForBlock('42', 'la-mayor-2022-general', 0).nextUniform() // the same number on every machine
 */
export function streamForBlock(seed: string, raceId: string, blockIndex: number): RandomStream {
  const keyed = seedrandom(JSON.stringify(['ballotcast-stream-v1', seed, raceId, blockIndex]));
  return new RandomStream(keyed.int32(), keyed.int32(), keyed.int32(), keyed.int32());
}
