import type { PreparedRace } from './model/prepare-race.ts';
import { swingLean, type SwingLean } from './model/shared-swing.ts';
import { simulateBlock, type DrawBuffers } from './model/simulate-block.ts';
import { DRAWS_PER_BLOCK, streamForBlock, swingStreamForBlock } from './random/stream-for-block.ts';

/** How many blocks `draws` draws span; the last block may be short. */
export function blockCount(draws: number): number {
  return Math.ceil(draws / DRAWS_PER_BLOCK);
}

/** Empty buffers for `draws` draws of a race; `shared` puts them in memory that worker threads can fill. */
export function allocateDrawBuffers(race: PreparedRace, draws: number, shared = false): DrawBuffers {
  const memory = (length: number) =>
    shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
  return { finalVotes: memory(draws * race.candidateCount), outstandingVotes: memory(draws) };
}

/**
 * Simulates the blocks [firstBlock, endBlock) of a run into `buffers`. Each block draws from its own
 * stream, keyed by (seed, race, block), so any split of blocks among threads fills identical buffers. A race
 * of an election also takes the election's swing, from streams keyed by (seed, election, party, block), so
 * that draw k has the same swing in every race of the election, whichever process runs it.
 */
export function simulateBlocks(
  race: PreparedRace,
  run: { readonly seed: string; readonly raceId: string; readonly draws: number },
  firstBlock: number,
  endBlock: number,
  buffers: DrawBuffers,
): void {
  for (let block = firstBlock; block < endBlock; block++) {
    const firstDraw = block * DRAWS_PER_BLOCK;
    const drawCount = Math.min(DRAWS_PER_BLOCK, run.draws - firstDraw);
    simulateBlock(race, streamForBlock(run.seed, run.raceId, block), firstDraw, drawCount, buffers, blockSwing(race, run.seed, block, drawCount));
  }
}

/** The shared swing's part of one block's common lean normals, or undefined for a race with no swing. */
function blockSwing(race: PreparedRace, seed: string, block: number, drawCount: number): SwingLean | undefined {
  const swing = race.sharedSwing;
  if (swing === undefined) return undefined;
  const streams = swing.parties.map((party) => swingStreamForBlock(seed, swing.electionId, party, block));
  return swingLean(swing, streams, race.dimensionCandidate, race.referenceCandidate, drawCount);
}
