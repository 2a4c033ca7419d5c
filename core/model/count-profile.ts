import type { PositionedBatch } from './positioned-batches.ts';

/**
 * How the lean of a race's batches changes with a unit's position in its own count: a profile shared by
 * all units, plus a level per unit. Positions run from 0 (the unit's first vote) to 1 (its last expected).
 */
export interface CountProfile {
  readonly bins: number;
  readonly dimensions: number;
  /** Profile log-ratios per bin (bins × dimensions); empty bins copy the nearest filled bin before them. */
  readonly levels: Float64Array;
  /** Each unit's own level (units × dimensions), added to the profile. */
  readonly unitLevels: Float64Array;
  /** Kish's effective number of units whose votes fall in each bin: how much evidence the bin holds. */
  readonly binUnits: Float64Array;
  /**
   * How fast the profile moves along the count where units have shown it: the sum of (step between
   * neighbouring bins)(step)ᵀ over neighbours both counted through by at least one unit, per unit of count
   * (dimensions²), and the stretch of count those neighbours span.
   */
  readonly stepRate: Float64Array;
  readonly stepSpan: number;
  /** Per bin, the size-weighted covariance of the batches' residuals from the fit (bins × dimensions²). */
  readonly binSpread: Float64Array;
}

/** Rounds of the alternating fit; the fit is least squares, and this many rounds converge it for practical data. */
const FIT_ROUNDS = 40;

/**
 * Fits batch log-ratio x[b] ≈ unitLevel[u] + average of levels over the stretch the batch covers, by
 * size-weighted least squares (block coordinate descent: units, then each bin in turn). This is WaPo's
 * "extrapolation rule" idea in additive form: units further along their count show how later votes lean
 * against earlier ones, and units behind them borrow that. Each unit's batches must be on its own clock.
 * With no batches at all the profile is flat at 0 with no evidence.
 * @example fitCountProfile([[{ ratios: [0], size: 1, start: 0, end: 0.5 }, { ratios: [1], size: 1, start: 0.5, end: 1 }]], 2)
 *          // levels step by 1 from bin 0 to bin 1
 */
export function fitCountProfile(units: readonly (readonly PositionedBatch[])[], bins: number, smoothing: number): CountProfile {
  const dimensions = units.find((batches) => batches.length > 0)?.[0].ratios.length ?? 0;
  const shares = units.map((batches) => batches.map((batch) => binShares(batch, bins)));
  const levels = new Float64Array(bins * dimensions);
  const unitLevels = new Float64Array(units.length * dimensions);
  for (let round = 0; round < FIT_ROUNDS; round++) {
    fitUnitLevels(units, shares, levels, unitLevels, dimensions);
    for (let bin = 0; bin < bins; bin++) fitBinLevel(units, shares, levels, unitLevels, dimensions, bin, smoothing);
  }
  const binUnits = effectiveUnitsPerBin(units, shares, bins);
  const binSpread = residualSpreadPerBin(units, shares, levels, unitLevels, dimensions, bins);
  fillEmptyBins(binSpread, binUnits, dimensions * dimensions);
  const { stepRate, stepSpan } = profileStepRate(levels, binUnits, dimensions);
  return { bins, dimensions, levels, unitLevels, binUnits, binSpread, stepRate, stepSpan };
}

/** A batch weighs the stretch of its unit's count it covers, so every unit counts alike, whatever its size. */
function weightOf(batch: PositionedBatch): number {
  return batch.end - batch.start;
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

/** Each unit's level: the size-weighted mean of its batches less the profile they cover. */
function fitUnitLevels(
  units: readonly (readonly PositionedBatch[])[],
  shares: readonly Float64Array[][],
  levels: Float64Array,
  unitLevels: Float64Array,
  dimensions: number,
): void {
  units.forEach((batches, unit) => {
    let weight = 0;
    const sum = new Float64Array(dimensions);
    batches.forEach((batch, index) => {
      weight += weightOf(batch);
      for (let i = 0; i < dimensions; i++) sum[i] += weightOf(batch) * (batch.ratios[i] - covered(levels, shares[unit][index], dimensions, i));
    });
    for (let i = 0; i < dimensions; i++) unitLevels[unit * dimensions + i] = weight > 0 ? sum[i] / weight : 0;
  });
}

/** One bin's level given everything else: the least-squares solution for that bin alone. */
function fitBinLevel(
  units: readonly (readonly PositionedBatch[])[],
  shares: readonly Float64Array[][],
  levels: Float64Array,
  unitLevels: Float64Array,
  dimensions: number,
  bin: number,
  smoothing: number,
): void {
  let curvature = 0;
  const gradient = new Float64Array(dimensions);
  units.forEach((batches, unit) => {
    batches.forEach((batch, index) => {
      const share = shares[unit][index][bin];
      if (share === 0) return;
      curvature += weightOf(batch) * share * share;
      for (let i = 0; i < dimensions; i++) {
        // Residual of the batch with this bin's own part taken out.
        const others = covered(levels, shares[unit][index], dimensions, i) - share * levels[bin * dimensions + i];
        gradient[i] += weightOf(batch) * share * (batch.ratios[i] - unitLevels[unit * dimensions + i] - others);
      }
    });
  });
  // A random-walk prior ties each bin to its neighbours: smooth where data are thin, flat beyond them.
  const neighbours = [bin - 1, bin + 1].filter((other) => other >= 0 && other < levels.length / dimensions);
  curvature += smoothing * neighbours.length;
  for (const other of neighbours) for (let i = 0; i < dimensions; i++) gradient[i] += smoothing * levels[other * dimensions + i];
  if (curvature > 0) for (let i = 0; i < dimensions; i++) levels[bin * dimensions + i] = gradient[i] / curvature;
}

/** The profile averaged over the bins a batch covers, in dimension i. */
function covered(levels: Float64Array, shares: Float64Array, dimensions: number, i: number): number {
  let sum = 0;
  for (let bin = 0; bin < shares.length; bin++) sum += shares[bin] * levels[bin * dimensions + i];
  return sum;
}

/** Units that have counted through each bin: the sum over units of the share of the bin each has counted. */
function effectiveUnitsPerBin(units: readonly (readonly PositionedBatch[])[], shares: readonly Float64Array[][], bins: number): Float64Array {
  const coverage = new Float64Array(bins);
  units.forEach((batches, unit) => {
    batches.forEach((batch, index) => shares[unit][index].forEach((share, bin) => (coverage[bin] += share * weightOf(batch) * bins)));
  });
  return coverage;
}

/** Quadratic variation of the profile per unit of count, over neighbouring bins with a unit's worth of votes each. */
function profileStepRate(levels: Float64Array, binUnits: Float64Array, dimensions: number) {
  const bins = binUnits.length;
  const stepRate = new Float64Array(dimensions * dimensions);
  let steps = 0;
  for (let bin = 0; bin + 1 < bins; bin++) {
    if (binUnits[bin] < 1 || binUnits[bin + 1] < 1) continue;
    steps++;
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) {
        const stepI = levels[(bin + 1) * dimensions + i] - levels[bin * dimensions + i];
        const stepJ = levels[(bin + 1) * dimensions + j] - levels[bin * dimensions + j];
        stepRate[i * dimensions + j] += stepI * stepJ;
      }
    }
  }
  const stepSpan = steps / bins;
  if (steps > 0) for (let k = 0; k < stepRate.length; k++) stepRate[k] /= stepSpan;
  return { stepRate, stepSpan };
}

/** How far batches fall from the fit, per bin: how well the profile predicts a unit's votes there. */
function residualSpreadPerBin(
  units: readonly (readonly PositionedBatch[])[],
  shares: readonly Float64Array[][],
  levels: Float64Array,
  unitLevels: Float64Array,
  dimensions: number,
  bins: number,
): Float64Array {
  const spread = new Float64Array(bins * dimensions * dimensions);
  const weights = new Float64Array(bins);
  const residual = new Float64Array(dimensions);
  units.forEach((batches, unit) => {
    batches.forEach((batch, index) => {
      for (let i = 0; i < dimensions; i++) {
        residual[i] = batch.ratios[i] - unitLevels[unit * dimensions + i] - covered(levels, shares[unit][index], dimensions, i);
      }
      shares[unit][index].forEach((share, bin) => {
        if (share === 0) return;
        weights[bin] += share * weightOf(batch);
        for (let i = 0; i < dimensions; i++) {
          for (let j = 0; j < dimensions; j++) spread[(bin * dimensions + i) * dimensions + j] += share * weightOf(batch) * residual[i] * residual[j];
        }
      });
    });
  });
  return spread.map((value, index) => (weights[Math.floor(index / (dimensions * dimensions))] > 0 ? value / weights[Math.floor(index / (dimensions * dimensions))] : 0));
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
 * binUnits / (binUnits + priorUnits) in [0, 1).
 */
export function remainingProfileLean(profile: CountProfile, unit: number, position: number, priorUnits: number) {
  const { bins, dimensions, levels, unitLevels, binUnits, binSpread } = profile;
  const stretch = binShares({ start: Math.min(position, 1), end: 1 }, bins);
  const mean = new Float64Array(dimensions);
  const spread = new Float64Array(dimensions * dimensions);
  let evidence = 0;
  for (let bin = 0; bin < bins; bin++) {
    evidence += stretch[bin] * (binUnits[bin] / (binUnits[bin] + priorUnits));
    for (let i = 0; i < dimensions; i++) mean[i] += stretch[bin] * levels[bin * dimensions + i];
    for (let k = 0; k < dimensions * dimensions; k++) spread[k] += stretch[bin] * binSpread[bin * dimensions * dimensions + k];
  }
  for (let i = 0; i < dimensions; i++) mean[i] += unitLevels[unit * dimensions + i];
  return { mean, spread, evidence };
}
