import type { RandomStream } from '../random/random-stream.ts';
import type { PreparedRace } from './prepare-race.ts';

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
 * Nothing is allocated per draw, and memory does not depend on units × draws.
 */
export function simulateBlock(
  race: PreparedRace,
  stream: RandomStream,
  firstDraw: number,
  drawCount: number,
  buffers: DrawBuffers,
): void {
  const candidates = race.candidateCount;
  const dimensions = candidates - 1;
  const scratch: Scratch = {
    sharedLean: new Float64Array(dimensions),
    mixedNormals: new Float64Array(dimensions),
    exponentials: new Float64Array(dimensions),
    votes: new Float64Array(candidates),
  };
  for (let draw = firstDraw; draw < firstDraw + drawCount; draw++) {
    scratch.votes.set(race.countedTotals);
    const sharedVolume = race.sharedWeight * stream.nextNormal();
    for (let d = 0; d < dimensions; d++) scratch.sharedLean[d] = race.sharedWeight * stream.nextNormal();
    buffers.outstandingVotes[draw] = addOpenUnits(race, stream, sharedVolume, scratch);
    buffers.finalVotes.set(scratch.votes, draw * candidates);
  }
}

/** Scratch arrays for one block, allocated once so that no draw allocates. */
interface Scratch {
  readonly sharedLean: Float64Array;
  readonly mixedNormals: Float64Array;
  readonly exponentials: Float64Array;
  readonly votes: Float64Array;
}

/** Adds every open unit's outstanding votes, split by its drawn shares, to `scratch.votes`; returns their total. */
function addOpenUnits(race: PreparedRace, stream: RandomStream, sharedVolume: number, scratch: Scratch): number {
  // Locals rather than property loads: this loop runs units × draws times.
  const { logCenter, sdBelow, sdAbove, leanMean, leanFactor, dimensionCandidate, unitWeight, referenceCandidate } = race;
  const { sharedLean, mixedNormals, exponentials, votes } = scratch;
  const dimensions = sharedLean.length;
  let outstandingTotal = 0;
  for (let unit = 0; unit < race.openUnitCount; unit++) {
    // Outstanding votes: split normal on log(1 + votes), floored at 0.
    const z = sharedVolume + unitWeight * stream.nextNormal();
    const logVotes = logCenter[unit] + (z < 0 ? sdBelow[unit] : sdAbove[unit]) * z;
    const outstanding = logVotes > 0 ? Math.expm1(logVotes) : 0;
    outstandingTotal += outstanding;
    // Lean: each log-ratio is the mean plus its row of L·z, with L lower triangular, so row r needs only
    // the normals up to r: each normal is drawn just before the row that first uses it.
    const meanOffset = unit * dimensions;
    const factorOffset = meanOffset * dimensions;
    let denominator = 1;
    for (let row = 0; row < dimensions; row++) {
      mixedNormals[row] = sharedLean[row] + unitWeight * stream.nextNormal();
      let logRatio = leanMean[meanOffset + row];
      for (let column = 0; column <= row; column++) {
        logRatio += leanFactor[factorOffset + row * dimensions + column] * mixedNormals[column];
      }
      exponentials[row] = Math.exp(logRatio);
      denominator += exponentials[row];
    }
    // The reference candidate's share is 1 / denominator; each other's is its exponential over it.
    const referenceVotes = outstanding / denominator;
    votes[referenceCandidate] += referenceVotes;
    for (let d = 0; d < dimensions; d++) votes[dimensionCandidate[d]] += referenceVotes * exponentials[d];
  }
  return outstandingTotal;
}
