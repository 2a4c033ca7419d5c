import { kernelDrawBlock } from '../kernel/wasm-kernel.ts';
import { PrefilledNormals, type NormalSource } from '../random/normal-source.ts';
import type { RandomStream } from '../random/random-stream.ts';
import { addOpenUnits, addOpenUnitsTwoCandidates, allocateScratch } from './add-open-units.ts';
import { drawTailScale } from './tail-scale.ts';
import type { PreparedRace } from './prepare-race.ts';
import type { SwingLean } from './shared-swing.ts';

/** Where a block of draws writes: final votes (draw × candidate) and total outstanding votes per draw. */
export interface DrawBuffers {
  readonly finalVotes: Float64Array;
  readonly outstandingVotes: Float64Array;
}

/**
 * Simulates `drawCount` draws into `buffers`, starting at draw `firstDraw`. In each draw:
 * 1. One race-wide normal for the outstanding volume, and one per log-ratio dimension for the lean,
 *    shared by every unit (the correlated part of the error).
 * 2. For each open unit, its outstanding votes: a split normal on log(1 + votes) around the expected
 *    value, mixing the race-wide normal and the unit's own as sqrt(ρ)·z_race + sqrt(1 − ρ)·z_unit.
 * 3. Its lean: log-ratios = mean + L·z with z mixed the same way, then shares by the softmax with the
 *    reference candidate at 0 (the logistic-normal distribution). Shares are always in (0, 1) and sum to 1.
 * 4. Final votes = counted votes + outstanding × share, summed over units in a fixed order.
 * `swing` (from `swingLean`) mixes the election's shared swing into the race-wide lean normals, so that
 * they stay standard normals; without it they are the race's own, bit for bit as before.
 * Nothing is allocated per draw, and memory does not depend on units × draws.
 */
export function simulateBlock(
  race: PreparedRace,
  stream: RandomStream,
  firstDraw: number,
  drawCount: number,
  buffers: DrawBuffers,
  swing?: SwingLean,
): void {
  const candidates = race.candidateCount;
  const dimensions = candidates - 1;
  const scratch = allocateScratch(race);
  // Most races: the whole block in one call into the kernel, the same arithmetic in the same order.
  if (race.correctionDoubt === 0 && swing === undefined) {
    kernelDrawBlock(scratch.units, stream, firstDraw, drawCount, buffers);
    return;
  }
  const normals = raceNormals(race, stream, drawCount);
  for (let draw = firstDraw; draw < firstDraw + drawCount; draw++) {
    scratch.votes.set(race.countedTotals);
    // Only a release with a correction draws this extra uniform, so every other race keeps its draws.
    if (race.correctionDoubt > 0 && stream.nextUniform() < race.correctionDoubt) undoCorrections(race, scratch.votes);
    const sharedVolume = race.sharedWeight * normals.nextNormal();
    // One Student-t scale per draw for every unit's lean: a race drifts a lot or a little, all units alike.
    const leanScale = drawTailScale(normals, race.leanTailDegrees);
    for (let d = 0; d < dimensions; d++) {
      const own = normals.nextNormal();
      const common = swing === undefined ? own : swing.swingPart[(draw - firstDraw) * dimensions + d] + swing.ownWeight[d] * own;
      scratch.sharedLean[d] = leanScale * race.sharedWeight * common;
    }
    const unitLeanWeight = leanScale * race.unitWeight;
    buffers.outstandingVotes[draw] =
      dimensions === 1
        ? addOpenUnitsTwoCandidates(race, stream, sharedVolume, unitLeanWeight, scratch)
        : addOpenUnits(race, stream, sharedVolume, unitLeanWeight, scratch);
    buffers.finalVotes.set(scratch.votes, draw * candidates);
  }
}

/**
 * Where a block's race-wide normals come from. Each draw takes 1 + ν + (candidates − 1) of them from the
 * stream, and nothing else from it unless the release has a correction (then a uniform comes first in each
 * draw), so without one they are drawn for the whole block at once, in the same order.
 */
function raceNormals(race: PreparedRace, stream: RandomStream, drawCount: number): NormalSource {
  if (race.correctionDoubt > 0) return stream;
  return new PrefilledNormals(stream, drawCount * (1 + race.leanTailDegrees + race.candidateCount - 1));
}

/** Adds back the counts that this release's corrections took away (and takes away what they added). */
function undoCorrections(race: PreparedRace, votes: Float64Array): void {
  for (let candidate = 0; candidate < votes.length; candidate++) votes[candidate] += race.correctionShift[candidate];
}
