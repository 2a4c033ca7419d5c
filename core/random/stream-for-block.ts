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
  return streamForKey(['ballotcast-stream-v1', seed, raceId, blockIndex]);
}

/**
 * The stream of one party's shared swing in one block of draws of an election: draw k of the block takes the
 * stream's k-th normal. It is keyed by (seed, election, party, block) and by no race, so every race of the
 * election draws the same swing in draw k, in any process and with no coordination; keying by party too
 * means a race needs to know only its own candidates' parties.
 * @example swingStreamForBlock('42', '20210105GA', 'Dem', 0).nextNormal() // the same in every race of the night
 */
export function swingStreamForBlock(seed: string, electionId: string, partyId: string, blockIndex: number): RandomStream {
  return streamForKey(['ballotcast-swing-v1', seed, electionId, partyId, blockIndex]);
}

function streamForKey(key: readonly (string | number)[]): RandomStream {
  const keyed = seedrandom(JSON.stringify(key));
  return new RandomStream(keyed.int32(), keyed.int32(), keyed.int32(), keyed.int32());
}
