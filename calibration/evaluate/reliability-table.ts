import type { ProbabilityEvent } from './probability-events.ts';

/** One bin of a reliability table: forecasts whose probability fell in [low, high). */
export interface ReliabilityBin {
  readonly low: number;
  /** Upper edge; the last bin includes it (a probability of exactly 1). */
  readonly high: number;
  /** Number of forecasts (events) in the bin. */
  readonly count: number;
  /** Mean forecast probability in the bin; NaN when empty. */
  readonly meanPredicted: number;
  /** Share of the bin's events that happened; NaN when empty. */
  readonly observedRate: number;
  /** Binomial standard error of the observed rate, sqrt(rate × (1 − rate) / count); NaN when empty. */
  readonly standardError: number;
  /** observedRate − meanPredicted, in probability units (0.05 is 5 points); NaN when empty. */
  readonly gap: number;
  /**
   * The standard error the observed rate would have if every forecast in the bin were calibrated:
   * sqrt(Σ p(1 − p)) / count. Unlike `standardError`, it is not 0 when a bin is all hits or all misses,
   * so gap / calibratedStandardError is a fair z-score. NaN when empty.
   */
  readonly calibratedStandardError: number;
}

/**
 * Sorts events into `binCount` equal bins of forecast probability and compares, in each bin, the mean
 * forecast with how often the events happened. A calibrated forecaster has observed ≈ predicted in
 * every bin, within the bin's standard error.
 * @throws RangeError when binCount is not a whole number >= 1.
 * @example reliabilityTable([{ predicted: 0.95, happened: true }, { predicted: 0.91, happened: false }], 10)[9]
 * // { low: 0.9, high: 1, count: 2, meanPredicted: 0.93, observedRate: 0.5, standardError: 0.354, gap: -0.43,
 * //   calibratedStandardError: 0.126 } (rounded)
 */
export function reliabilityTable(
  events: readonly Pick<ProbabilityEvent, 'predicted' | 'happened'>[],
  binCount = 10,
): ReliabilityBin[] {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`expected a whole number of bins >= 1, got ${binCount}`);
  const counts = new Float64Array(binCount);
  const predictedSums = new Float64Array(binCount);
  const happenedCounts = new Float64Array(binCount);
  const varianceSums = new Float64Array(binCount);
  for (const event of events) {
    // A probability of exactly 1 goes into the last bin rather than a bin of its own.
    const bin = Math.min(Math.floor(event.predicted * binCount), binCount - 1);
    counts[bin] += 1;
    predictedSums[bin] += event.predicted;
    varianceSums[bin] += event.predicted * (1 - event.predicted);
    if (event.happened) happenedCounts[bin] += 1;
  }
  return Array.from({ length: binCount }, (_, bin) => {
    const count = counts[bin];
    const meanPredicted = count === 0 ? Number.NaN : predictedSums[bin] / count;
    const observedRate = count === 0 ? Number.NaN : happenedCounts[bin] / count;
    const standardError = count === 0 ? Number.NaN : Math.sqrt((observedRate * (1 - observedRate)) / count);
    const calibratedStandardError = count === 0 ? Number.NaN : Math.sqrt(varianceSums[bin]) / count;
    const gap = observedRate - meanPredicted;
    return { low: bin / binCount, high: (bin + 1) / binCount, count, meanPredicted, observedRate, standardError, gap, calibratedStandardError };
  });
}
