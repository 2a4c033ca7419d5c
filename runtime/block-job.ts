import type { PreparedRace } from '../core/model/prepare-race.ts';
import type { DrawBuffers } from '../core/model/simulate-block.ts';

/** A contiguous range of blocks for one worker; the buffers live in shared memory. */
export interface BlockJob {
  readonly race: PreparedRace;
  readonly run: { readonly seed: string; readonly raceId: string; readonly draws: number };
  readonly firstBlock: number;
  readonly endBlock: number;
  readonly buffers: DrawBuffers;
}

export type WorkerMessage = { kind: 'block' } | { kind: 'done' } | { kind: 'failed'; message: string };

/** Splits blocks [0, blocks) into at most `parts` contiguous ranges of nearly equal size. */
export function splitBlocks(blocks: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  const count = Math.max(1, Math.min(parts, blocks));
  for (let part = 0; part < count; part++) {
    const first = Math.floor((part * blocks) / count);
    const end = Math.floor(((part + 1) * blocks) / count);
    if (end > first) ranges.push([first, end]);
  }
  return ranges;
}
