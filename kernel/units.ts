// Every open unit's votes in one draw (core/model/add-open-units.ts describes the model and calls these).
import { expPair, expScalar, fillLaneNormals } from './kernel';

/**
 * The two-candidate draw of every open unit, two units at a time in SIMD lanes. Writes the two candidates'
 * votes (counted + drawn) back to `votes` and returns the outstanding total; the sums run in unit order, so
 * the bits are those of `generalUnits` with one dimension.
 */
export function twoCandidateUnits(
  units: i32,
  logCenter: usize,
  sdMid: usize,
  sdHalf: usize,
  leanMean: usize,
  leanFactor: usize,
  normals: usize,
  votes: usize,
  reference: i32,
  other: i32,
  unitWeight: f64,
  sharedVolume: f64,
  sharedLogit: f64,
  unitLeanWeight: f64,
): f64 {
  fillLaneNormals(normals, units * 2);
  const referenceAt = votes + ((<usize>reference) << 3);
  const otherAt = votes + ((<usize>other) << 3);
  let total: f64 = 0;
  let referenceVotes = load<f64>(referenceAt);
  let otherVotes = load<f64>(otherAt);
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const volumeWeight = f64x2.splat(unitWeight);
  const volumeShared = f64x2.splat(sharedVolume);
  const leanShared = f64x2.splat(sharedLogit);
  const leanWeight = f64x2.splat(unitLeanWeight);
  let unit = 0;
  for (; unit + 1 < units; unit += 2) {
    const at = (<usize>unit) << 3;
    const pairOne = v128.load(normals + (at << 1));
    const pairTwo = v128.load(normals + (at << 1), 16);
    const z = f64x2.add(volumeShared, f64x2.mul(volumeWeight, v128.shuffle<f64>(pairOne, pairTwo, 0, 2)));
    const logVotes = f64x2.add(
      f64x2.add(v128.load(logCenter + at), f64x2.mul(v128.load(sdMid + at), z)),
      f64x2.mul(v128.load(sdHalf + at), f64x2.abs(z)),
    );
    const outstanding = f64x2.max(zero, f64x2.sub(expPair(logVotes), one));
    const mixed = f64x2.add(leanShared, f64x2.mul(leanWeight, v128.shuffle<f64>(pairOne, pairTwo, 1, 3)));
    const odds = expPair(f64x2.add(v128.load(leanMean + at), f64x2.mul(v128.load(leanFactor + at), mixed)));
    const unitReference = f64x2.div(outstanding, f64x2.add(one, odds));
    const unitOther = f64x2.mul(unitReference, odds);
    total += f64x2.extract_lane(outstanding, 0);
    referenceVotes += f64x2.extract_lane(unitReference, 0);
    otherVotes += f64x2.extract_lane(unitOther, 0);
    total += f64x2.extract_lane(outstanding, 1);
    referenceVotes += f64x2.extract_lane(unitReference, 1);
    otherVotes += f64x2.extract_lane(unitOther, 1);
  }
  if (unit < units) {
    const at = (<usize>unit) << 3;
    const z = sharedVolume + unitWeight * load<f64>(normals + (at << 1));
    const logVotes = load<f64>(logCenter + at) + load<f64>(sdMid + at) * z + load<f64>(sdHalf + at) * abs(z);
    const outstanding = max(0, expScalar(logVotes) - 1);
    const mixed = sharedLogit + unitLeanWeight * load<f64>(normals + (at << 1), 8);
    const odds = expScalar(load<f64>(leanMean + at) + load<f64>(leanFactor + at) * mixed);
    const unitReference = outstanding / (1 + odds);
    total += outstanding;
    referenceVotes += unitReference;
    otherVotes += unitReference * odds;
  }
  store<f64>(referenceAt, referenceVotes);
  store<f64>(otherAt, otherVotes);
  return total;
}

/**
 * The draw of every open unit for any number of candidates: log-ratios = mean + L·z (L lower triangular,
 * row-major per unit), shares by the softmax with the reference candidate at 0. Adds each unit's votes to
 * `votes` in unit order and returns the outstanding total. `mixed` and `exponentials` are scratch, one f64
 * per dimension; `dimensionCandidate` holds an i32 per dimension.
 */
export function generalUnits(
  units: i32,
  dimensions: i32,
  logCenter: usize,
  sdMid: usize,
  sdHalf: usize,
  leanMean: usize,
  leanFactor: usize,
  dimensionCandidate: usize,
  reference: i32,
  normals: usize,
  votes: usize,
  sharedLean: usize,
  mixed: usize,
  exponentials: usize,
  unitWeight: f64,
  sharedVolume: f64,
  unitLeanWeight: f64,
): f64 {
  const perUnit = dimensions + 1;
  fillLaneNormals(normals, units * perUnit);
  let total: f64 = 0;
  for (let unit = 0; unit < units; unit++) {
    const at = (<usize>unit) << 3;
    const unitNormals = normals + (<usize>(unit * perUnit) << 3);
    const z = sharedVolume + unitWeight * load<f64>(unitNormals);
    const outstanding = max(0, expScalar(load<f64>(logCenter + at) + load<f64>(sdMid + at) * z + load<f64>(sdHalf + at) * abs(z)) - 1);
    total += outstanding;
    const means = leanMean + (<usize>(unit * dimensions) << 3);
    const factor = leanFactor + (<usize>(unit * dimensions * dimensions) << 3);
    let denominator: f64 = 1;
    for (let row = 0; row < dimensions; row++) {
      const rowAt = (<usize>row) << 3;
      store<f64>(mixed + rowAt, load<f64>(sharedLean + rowAt) + unitLeanWeight * load<f64>(unitNormals + rowAt, 8));
      let logRatio = load<f64>(means + rowAt);
      for (let column = 0; column <= row; column++) {
        logRatio += load<f64>(factor + (<usize>(row * dimensions + column) << 3)) * load<f64>(mixed + ((<usize>column) << 3));
      }
      const exponential = expScalar(logRatio);
      store<f64>(exponentials + rowAt, exponential);
      denominator += exponential;
    }
    // The reference candidate's share is 1 / denominator; each other's is its exponential over it.
    const referenceVotes = outstanding / denominator;
    const referenceAt = votes + ((<usize>reference) << 3);
    store<f64>(referenceAt, load<f64>(referenceAt) + referenceVotes);
    for (let d = 0; d < dimensions; d++) {
      const candidateAt = votes + ((<usize>load<i32>(dimensionCandidate + ((<usize>d) << 2))) << 3);
      store<f64>(candidateAt, load<f64>(candidateAt) + referenceVotes * load<f64>(exponentials + ((<usize>d) << 3)));
    }
  }
  return total;
}

/**
 * Every draw of one block of a race with no correction to doubt and no election swing: the arithmetic of
 * core/model/simulate-block.ts, in the same order, with the race-wide normals already drawn into
 * `raceNormals` (1 + ν + dimensions per draw: the volume's, the t scale's ν, then the lean's). Writes each
 * draw's final votes (draw × candidate) to `finalVotes` and its outstanding total to `outstanding`.
 */
export function drawBlock(
  draws: i32,
  units: i32,
  dimensions: i32,
  degrees: i32,
  raceNormals: usize,
  counted: usize,
  finalVotes: usize,
  outstanding: usize,
  logCenter: usize,
  sdMid: usize,
  sdHalf: usize,
  leanMean: usize,
  leanFactor: usize,
  dimensionCandidate: usize,
  reference: i32,
  normals: usize,
  votes: usize,
  sharedLean: usize,
  mixed: usize,
  exponentials: usize,
  sharedWeight: f64,
  unitWeight: f64,
): void {
  const bytesPerDraw = (<usize>(dimensions + 1)) << 3;
  let next = raceNormals;
  for (let draw = 0; draw < draws; draw++) {
    memory.copy(votes, counted, bytesPerDraw);
    const sharedVolume = sharedWeight * load<f64>(next);
    next += 8;
    let chiSquare: f64 = 0;
    for (let i = 0; i < degrees; i++) {
      const normal = load<f64>(next);
      chiSquare += normal * normal;
      next += 8;
    }
    const leanScale = Math.sqrt(<f64>(degrees - 2) / chiSquare);
    for (let d = 0; d < dimensions; d++) {
      store<f64>(sharedLean + ((<usize>d) << 3), leanScale * sharedWeight * load<f64>(next));
      next += 8;
    }
    const unitLeanWeight = leanScale * unitWeight;
    const total =
      dimensions == 1
        ? twoCandidateUnits(units, logCenter, sdMid, sdHalf, leanMean, leanFactor, normals, votes, reference, load<i32>(dimensionCandidate),
            unitWeight, sharedVolume, load<f64>(sharedLean), unitLeanWeight)
        : generalUnits(units, dimensions, logCenter, sdMid, sdHalf, leanMean, leanFactor, dimensionCandidate, reference, normals, votes,
            sharedLean, mixed, exponentials, unitWeight, sharedVolume, unitLeanWeight);
    memory.copy(finalVotes + (<usize>draw) * bytesPerDraw, votes, bytesPerDraw);
    store<f64>(outstanding + ((<usize>draw) << 3), total);
  }
}
