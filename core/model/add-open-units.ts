import { kernelDrawUnits, kernelUnits, type KernelUnits } from '../kernel/wasm-kernel.ts';
import type { RandomStream } from '../random/random-stream.ts';
import { DRAWS_PER_BLOCK } from '../random/stream-for-block.ts';
import type { PreparedRace } from './prepare-race.ts';

/** Scratch for one block: the draw's race-wide lean and running votes, and the race's place in the kernel. */
export interface Scratch {
  readonly sharedLean: Float64Array;
  readonly votes: Float64Array;
  readonly units: KernelUnits;
}

/** Scratch for `race`, allocated once per block so that no draw allocates. */
export function allocateScratch(race: PreparedRace): Scratch {
  return {
    sharedLean: new Float64Array(race.candidateCount - 1),
    votes: new Float64Array(race.candidateCount),
    units: kernelUnits(race, DRAWS_PER_BLOCK),
  };
}

/**
 * Adds every open unit's outstanding votes, split by its drawn shares, to `scratch.votes`; returns their total.
 * `unitLeanWeight` is the weight of each unit's own lean normal in this draw (sqrt(1 − ρ) times the t scale).
 * Per unit, in the WebAssembly kernel (kernel/units.ts), from `candidateCount` normals (volume first, then
 * the lean's):
 * - outstanding votes: a split normal on log(1 + votes), floored at 0, with z = sharedVolume + sqrt(1 − ρ)·z_unit;
 * - lean: log-ratios = mean + L·z (L lower triangular), z = sharedLean + unitLeanWeight·z_unit; shares by the
 *   softmax with the reference candidate at 0.
 */
export function addOpenUnits(race: PreparedRace, stream: RandomStream, sharedVolume: number, unitLeanWeight: number, scratch: Scratch): number {
  return kernelDrawUnits(scratch.units, stream.lanes, { sharedVolume, unitLeanWeight, sharedLean: scratch.sharedLean, votes: scratch.votes }, false);
}

/**
 * The same draw as `addOpenUnits` for a two-candidate race, two units at a time in SIMD lanes: the same
 * normals in the same order give bit-identical votes (test/core/model/add-open-units.test.ts).
 */
export function addOpenUnitsTwoCandidates(
  race: PreparedRace,
  stream: RandomStream,
  sharedVolume: number,
  unitLeanWeight: number,
  scratch: Scratch,
): number {
  if (race.candidateCount !== 2) throw new Error(`the two-candidate path needs 2 candidates, not ${race.candidateCount}`);
  return kernelDrawUnits(scratch.units, stream.lanes, { sharedVolume, unitLeanWeight, sharedLean: scratch.sharedLean, votes: scratch.votes }, true);
}
