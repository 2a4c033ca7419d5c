import type { PositionedBatch } from './positioned-batches.ts';

/**
 * How the lean of a race's batches changes with a unit's position in its own count: a profile shared by
 * all units, plus a level per unit. Positions run from 0 (the unit's first vote) to 1 (its last expected).
 */
export interface CountProfile {
  readonly bins: number;
  readonly dimensions: number;
  /** Profile log-ratios per bin (bins × dimensions); past the last bin with data it stays flat. */
  readonly levels: Float64Array;
  /** Each unit's own level (units × dimensions), added to the profile. */
  readonly unitLevels: Float64Array;
  /**
   * Units that have counted through each bin (a unit halfway through a bin adds 0.5), each times its
   * degrees of freedom left after its own level is fitted, (batches − 1) / batches: the bin's evidence.
   * A unit with a single batch shows nothing about the profile, since its level absorbs that batch.
   */
  readonly binUnits: Float64Array;
  /** Each unit's own part of binUnits (units × bins), left out of the evidence for that unit's rest. */
  readonly unitBinUnits: Float64Array;
  /** Per bin, the weighted covariance of the batches' residuals from the fit (bins × dimensions²). */
  readonly binSpread: Float64Array;
}

/** Rounds of the alternating fit: enough for the smoothing to carry a level across ten empty bins. */
const FIT_ROUNDS = 40;

/**
 * Fits batch log-ratio x[b] ≈ unitLevel[u] + the mean of the bins' levels over the stretch the batch covers,
 * by weighted least squares, each batch weighing the stretch it covers (so units count alike), plus a
 * random-walk prior `smoothing`·Σ(level[k + 1] − level[k])² that keeps thin bins near their neighbours
 * and carries the last level flat into bins no unit has reached. Solved by block coordinate descent
 * (unit levels, then each bin in turn). This is WaPo's "extrapolation rule" idea in additive log-ratio
 * form: units further along their own count show how later votes lean against earlier ones, and units
 * behind them borrow that. Each unit's batches must be on its own clock (`positionedBatches` with the
 * unit's expected final votes). With no batches at all the profile is flat at 0 with no evidence.
 * @example
 * // Two units; the one that is done leans 1 higher in its second half.
 * fitCountProfile([[{ ratios: [0], size: 1, midpoint: 0.25, start: 0, end: 0.5 }, { ratios: [1], size: 1, midpoint: 0.75, start: 0.5, end: 1 }],
 *   [{ ratios: [2], size: 1, midpoint: 0.25, start: 0, end: 0.5 }]], 1, 2, 0)
 * // levels[1] − levels[0] = 1; unit 1's lean for its second half: 2 + 1 = 3
 */
export function fitCountProfile(
  units: readonly (readonly PositionedBatch[])[],
  dimensions: number,
  bins: number,
  smoothing: number,
): CountProfile {
  const design = profileDesign(units, dimensions, bins);
  const levels = new Float64Array(bins * dimensions);
  const unitLevels = new Float64Array(units.length * dimensions);
  // The profile's part of each batch's fit, kept up to date as bins change (batches × dimensions).
  const fitted = new Float64Array(design.weight.length * dimensions);
  for (let round = 0; round < FIT_ROUNDS; round++) {
    fitUnitLevels(design, fitted, unitLevels, dimensions);
    for (let bin = 0; bin < bins; bin++) fitBinLevel(design, fitted, levels, unitLevels, dimensions, bin, smoothing);
  }
  const freedom = unitFreedom(design);
  const unitBinUnits = unitCoveragePerBin(design, freedom, bins);
  const binUnits = sumOverUnits(unitBinUnits, bins);
  const binSpread = residualSpreadPerBin(design, fitted, unitLevels, freedom, dimensions, bins);
  fillEmptyBins(binSpread, binUnits, dimensions * dimensions);
  return { bins, dimensions, levels, unitLevels, binUnits, unitBinUnits, binSpread };
}

/**
 * The batches of all units in flat typed arrays, in unit order, with each batch's non-zero bin shares
 * listed by bin (a batch covers one to a few bins, so the fit visits only those).
 */
interface ProfileDesign {
  /** Batches of unit u are unitStart[u] to unitStart[u + 1] − 1. */
  readonly unitStart: Int32Array;
  readonly unitOf: Int32Array;
  /** A batch weighs the stretch of its unit's count it covers, so every unit counts alike whatever its size. */
  readonly weight: Float64Array;
  readonly ratios: Float64Array;
  /** Entries of bin k are binStart[k] to binStart[k + 1] − 1: (batch, share) pairs. */
  readonly binStart: Int32Array;
  readonly entryBatch: Int32Array;
  readonly entryShare: Float64Array;
}

function profileDesign(units: readonly (readonly PositionedBatch[])[], dimensions: number, bins: number): ProfileDesign {
  const batches = units.flat();
  const unitStart = new Int32Array(units.length + 1);
  units.forEach((unitBatches, unit) => (unitStart[unit + 1] = unitStart[unit] + unitBatches.length));
  const unitOf = new Int32Array(batches.length);
  units.forEach((unitBatches, unit) => unitOf.fill(unit, unitStart[unit], unitStart[unit + 1]));
  const ratios = new Float64Array(batches.length * dimensions);
  batches.forEach((batch, index) => ratios.set(batch.ratios, index * dimensions));
  const byBin: { batch: number; share: number }[][] = Array.from({ length: bins }, () => []);
  batches.forEach((batch, index) =>
    binShares(batch, bins).forEach((share, bin) => {
      if (share > 0) byBin[bin].push({ batch: index, share });
    }),
  );
  const binStart = new Int32Array(bins + 1);
  byBin.forEach((entries, bin) => (binStart[bin + 1] = binStart[bin] + entries.length));
  const entries = byBin.flat();
  return {
    unitStart,
    unitOf,
    weight: Float64Array.from(batches, (batch) => batch.end - batch.start),
    ratios,
    binStart,
    entryBatch: Int32Array.from(entries, (entry) => entry.batch),
    entryShare: Float64Array.from(entries, (entry) => entry.share),
  };
}

/** Share of a batch's stretch of count in each bin; a batch of no length sits in the bin of its midpoint. */
export function binShares(batch: Pick<PositionedBatch, 'start' | 'end'>, bins: number): Float64Array {
  const shares = new Float64Array(bins);
  const length = batch.end - batch.start;
  if (!(length > 0)) {
    shares[Math.min(bins - 1, Math.max(0, Math.floor(batch.start * bins)))] = 1;
    return shares;
  }
  for (let bin = 0; bin < bins; bin++) {
    const overlap = Math.min(batch.end, (bin + 1) / bins) - Math.max(batch.start, bin / bins);
    if (overlap > 0) shares[bin] = overlap / length;
  }
  return shares;
}

/** Each unit's level: the weighted mean of its batches less the profile they cover. */
function fitUnitLevels(design: ProfileDesign, fitted: Float64Array, unitLevels: Float64Array, dimensions: number): void {
  const { unitStart, weight, ratios } = design;
  for (let unit = 0; unit + 1 < unitStart.length; unit++) {
    let total = 0;
    for (let i = 0; i < dimensions; i++) unitLevels[unit * dimensions + i] = 0;
    for (let batch = unitStart[unit]; batch < unitStart[unit + 1]; batch++) {
      total += weight[batch];
      for (let i = 0; i < dimensions; i++) {
        unitLevels[unit * dimensions + i] += weight[batch] * (ratios[batch * dimensions + i] - fitted[batch * dimensions + i]);
      }
    }
    for (let i = 0; i < dimensions; i++) unitLevels[unit * dimensions + i] = total > 0 ? unitLevels[unit * dimensions + i] / total : 0;
  }
}

/** One bin's level given everything else: the least-squares solution for that bin alone. */
function fitBinLevel(
  design: ProfileDesign,
  fitted: Float64Array,
  levels: Float64Array,
  unitLevels: Float64Array,
  dimensions: number,
  bin: number,
  smoothing: number,
): void {
  const { binStart, entryBatch, entryShare, weight, ratios, unitOf } = design;
  const bins = binStart.length - 1;
  let curvature = 0;
  const gradient = new Float64Array(dimensions);
  for (let entry = binStart[bin]; entry < binStart[bin + 1]; entry++) {
    const batch = entryBatch[entry];
    const share = entryShare[entry];
    curvature += weight[batch] * share * share;
    for (let i = 0; i < dimensions; i++) {
      // Residual of the batch with this bin's own part taken out.
      const others = fitted[batch * dimensions + i] - share * levels[bin * dimensions + i];
      gradient[i] += weight[batch] * share * (ratios[batch * dimensions + i] - unitLevels[unitOf[batch] * dimensions + i] - others);
    }
  }
  // A random-walk prior ties each bin to its neighbours: smooth where data are thin, flat beyond them.
  for (const other of [bin - 1, bin + 1]) {
    if (other < 0 || other >= bins) continue;
    curvature += smoothing;
    for (let i = 0; i < dimensions; i++) gradient[i] += smoothing * levels[other * dimensions + i];
  }
  if (!(curvature > 0)) return;
  for (let i = 0; i < dimensions; i++) {
    const change = gradient[i] / curvature - levels[bin * dimensions + i];
    levels[bin * dimensions + i] += change;
    for (let entry = binStart[bin]; entry < binStart[bin + 1]; entry++) {
      fitted[entryBatch[entry] * dimensions + i] += entryShare[entry] * change;
    }
  }
}

/**
 * Each unit's share of its batches left as evidence once its own level is fitted: (n − 1) / n for n
 * batches, the degrees-of-freedom correction of a fitted mean. 0 for a unit with one batch or none.
 */
function unitFreedom(design: ProfileDesign): Float64Array {
  const units = design.unitStart.length - 1;
  return Float64Array.from({ length: units }, (_, unit) => {
    const batches = design.unitStart[unit + 1] - design.unitStart[unit];
    return batches > 1 ? (batches - 1) / batches : 0;
  });
}

/** The share of each bin that each unit has counted (units × bins), in [0, 1], times the unit's freedom. */
function unitCoveragePerBin(design: ProfileDesign, freedom: Float64Array, bins: number): Float64Array {
  const coverage = new Float64Array((design.unitStart.length - 1) * bins);
  for (let bin = 0; bin < bins; bin++) {
    for (let entry = design.binStart[bin]; entry < design.binStart[bin + 1]; entry++) {
      const batch = design.entryBatch[entry];
      const unit = design.unitOf[batch];
      coverage[unit * bins + bin] += design.entryShare[entry] * design.weight[batch] * bins * freedom[unit];
    }
  }
  return coverage;
}

/** Units that have counted through each bin: the sum over units of the share of the bin each has counted. */
function sumOverUnits(unitCoverage: Float64Array, bins: number): Float64Array {
  const total = new Float64Array(bins);
  unitCoverage.forEach((coverage, index) => (total[index % bins] += coverage));
  return total;
}

/**
 * How far batches fall from the fit, per bin: how well the profile predicts a unit's votes there. The sum of
 * squares is divided by the weight left after each unit's fitted level (its freedom), so residuals that a
 * level forced to 0 do not pass for a good fit; a bin with no freedom has spread 0 and no evidence.
 */
function residualSpreadPerBin(
  design: ProfileDesign,
  fitted: Float64Array,
  unitLevels: Float64Array,
  freedom: Float64Array,
  dimensions: number,
  bins: number,
): Float64Array {
  const { binStart, entryBatch, entryShare, weight, ratios, unitOf } = design;
  const spread = new Float64Array(bins * dimensions * dimensions);
  const residual = new Float64Array(dimensions);
  for (let bin = 0; bin < bins; bin++) {
    let total = 0;
    for (let entry = binStart[bin]; entry < binStart[bin + 1]; entry++) {
      const batch = entryBatch[entry];
      const entryWeight = entryShare[entry] * weight[batch];
      total += entryWeight * freedom[unitOf[batch]];
      for (let i = 0; i < dimensions; i++) {
        residual[i] = ratios[batch * dimensions + i] - unitLevels[unitOf[batch] * dimensions + i] - fitted[batch * dimensions + i];
      }
      for (let i = 0; i < dimensions; i++) {
        for (let j = 0; j < dimensions; j++) spread[(bin * dimensions + i) * dimensions + j] += entryWeight * residual[i] * residual[j];
      }
    }
    for (let k = 0; k < dimensions * dimensions; k++) {
      spread[bin * dimensions * dimensions + k] = total > 0 ? spread[bin * dimensions * dimensions + k] / total : 0;
    }
  }
  return spread;
}

/** Bins no unit has reached keep the last level seen (persistence); bins before any data take the first. */
function fillEmptyBins(levels: Float64Array, binUnits: Float64Array, dimensions: number): void {
  const bins = binUnits.length;
  let source = binUnits.findIndex((units) => units > 0);
  if (source < 0) return;
  for (let bin = 0; bin < bins; bin++) {
    if (binUnits[bin] > 0) source = bin;
    else for (let i = 0; i < dimensions; i++) levels[bin * dimensions + i] = levels[source * dimensions + i];
  }
}

/**
 * The profile's lean for the rest of one unit's count, from `position` to 1: its own level plus the
 * profile averaged over that stretch, and the evidence behind it, the stretch's mean of
 * n / (n + priorUnits) in [0, 1), n being binUnits less the unit's own: only other units show its rest.
 */
export function remainingProfileLean(profile: CountProfile, unit: number, position: number, priorUnits: number) {
  const { bins, dimensions, levels, unitLevels, binUnits, unitBinUnits, binSpread } = profile;
  const stretch = binShares({ start: Math.min(position, 1), end: 1 }, bins);
  const mean = new Float64Array(dimensions);
  const spread = new Float64Array(dimensions * dimensions);
  let evidence = 0;
  for (let bin = 0; bin < bins; bin++) {
    const others = Math.max(0, binUnits[bin] - unitBinUnits[unit * bins + bin]);
    evidence += others > 0 ? stretch[bin] * (others / (others + priorUnits)) : 0;
    for (let i = 0; i < dimensions; i++) mean[i] += stretch[bin] * levels[bin * dimensions + i];
    for (let k = 0; k < dimensions * dimensions; k++) spread[k] += stretch[bin] * binSpread[bin * dimensions * dimensions + k];
  }
  for (let i = 0; i < dimensions; i++) mean[i] += unitLevels[unit * dimensions + i];
  return { mean, spread, evidence };
}
