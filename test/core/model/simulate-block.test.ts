import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, ModelParametersSchema, Z90, type ModelParameters } from '../../../core/model/parameters.ts';
import { prepareRace, type PreparedRace } from '../../../core/model/prepare-race.ts';
import { simulateBlock, type DrawBuffers } from '../../../core/model/simulate-block.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';
import type { CountFile, Unit } from '../../../core/schemas/index.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';

/** The model without the terms fitted to real counts (early lean, remainder error), for tests of one mechanism. */
const WITHOUT_REAL_COUNT_TERMS = ModelParametersSchema.parse({ earlyLeanSd: 0, remainderErrorShare: 0 });

const DRAWS = 20_000;

/**
 * A race of candidates a, b, c, ... with one release per snapshot; each unit's counts are in candidate order,
 * and its outstanding votes are given at the last release.
 */
function raceOf(units: { counted: number[][]; outstanding: Unit['outstanding'] }[]): CountFile {
  const ids = ['a', 'b', 'c', 'd', 'e'].slice(0, units[0].counted[0].length);
  const releaseCount = units[0].counted.length;
  return {
    schemaVersion: 1,
    race: { id: 'block-race', name: 'Block race', rule: { kind: 'plurality' }, candidates: ids.map((id) => ({ id, name: id })) },
    releases: Array.from({ length: releaseCount }, (_, release) => ({
      asOf: `2024-11-0${5 + release}T20:00:00-08:00`,
      units: units.map((unit, index) => ({
        id: `u${index}`,
        counted: Object.fromEntries(ids.map((id, candidate) => [id, unit.counted[release][candidate]])),
        outstanding: release === releaseCount - 1 ? unit.outstanding : { expected: unit.outstanding.expected },
      })),
    })),
  };
}

interface SimulateOptions {
  readonly seed?: string;
  readonly parameters?: ModelParameters;
  readonly releaseIndex?: number;
  /** Changes the prepared race before it is simulated. */
  readonly adjust?: (race: PreparedRace) => PreparedRace;
}

/** Prepares a release of `file` (the last by default) and simulates `draws` draws from block 0 of a seed. */
function simulate(file: CountFile, draws: number, options: SimulateOptions = {}) {
  const { seed = 'block', parameters = DEFAULT_PARAMETERS, releaseIndex = file.releases.length - 1 } = options;
  const race = (options.adjust ?? ((prepared) => prepared))(prepareRace(file, releaseIndex, parameters));
  const buffers: DrawBuffers = {
    finalVotes: new Float64Array(draws * race.candidateCount),
    outstandingVotes: new Float64Array(draws),
  };
  simulateBlock(race, streamForBlock(seed, file.race.id, 0), 0, draws, buffers);
  return { race, buffers };
}

/** The race with no spread in any unit's outstanding votes: every draw takes exactly the expected votes. */
const withFixedVolume = (race: PreparedRace): PreparedRace => ({
  ...race,
  sdMid: new Float64Array(race.openUnitCount),
  sdHalf: new Float64Array(race.openUnitCount),
});

/** Per draw, the votes each candidate gained: final minus counted. */
function added(race: PreparedRace, buffers: DrawBuffers, draw: number): number[] {
  const candidates = race.candidateCount;
  return Array.from({ length: candidates }, (_, c) => buffers.finalVotes[draw * candidates + c] - race.countedTotals[c]);
}

const sorted = (values: ArrayLike<number>) => Float64Array.from(values).sort();
const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const varianceOf = (values: readonly number[]) => {
  const mean = meanOf(values);
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
};

/** Standard error, on the vote scale, of a sample p-quantile at standard-normal point z with log-scale sd `sd`. */
function quantileError(p: number, z: number, value: number, sd: number, draws: number): number {
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return (Math.sqrt((p * (1 - p)) / draws) / density) * (1 + value) * sd;
}

const singleUnit = raceOf([{ counted: [[3000, 2000, 1000]], outstanding: { expected: 10000, low: 8000, high: 13000 } }]);

describe('simulateBlock', () => {
  it('never draws final votes below the counted votes', () => {
    const { race, buffers } = simulate(twoUnitRace(), 5000, { releaseIndex: 0 }); // both units open
    expect(race.openUnitCount).toBe(2);
    let smallestGain = Number.POSITIVE_INFINITY;
    buffers.finalVotes.forEach((votes, index) => (smallestGain = Math.min(smallestGain, votes - race.countedTotals[index % 3])));
    expect(smallestGain).toBeGreaterThanOrEqual(0);
  });

  it('adds, in every draw, exactly the outstanding total it drew (within 1e-6 relative)', () => {
    const { race, buffers } = simulate(twoUnitRace(), 5000, { releaseIndex: 0 }); // both units open
    let worstRelativeError = 0;
    for (let draw = 0; draw < 5000; draw++) {
      const total = buffers.outstandingVotes[draw];
      const gained = added(race, buffers, draw).reduce((a, b) => a + b, 0);
      worstRelativeError = Math.max(worstRelativeError, Math.abs(gained - total) / total);
    }
    expect(Math.min(...buffers.outstandingVotes)).toBeGreaterThan(0);
    expect(worstRelativeError).toBeLessThanOrEqual(1e-6);
  });

  it("draws a single unit's outstanding total with median at expected and 5th/95th percentiles at expm1(logCenter ± Z90·sd)", () => {
    const { race, buffers } = simulate(singleUnit, DRAWS, { parameters: WITHOUT_REAL_COUNT_TERMS });
    const outstanding = sorted(buffers.outstandingVotes);
    const at = (p: number) => outstanding[Math.round(p * (DRAWS - 1))];
    const [logCenter, sdBelow, sdAbove] = [race.logCenter[0], race.sdMid[0] - race.sdHalf[0], race.sdMid[0] + race.sdHalf[0]];
    const low = Math.expm1(logCenter - Z90 * sdBelow);
    const high = Math.expm1(logCenter + Z90 * sdAbove);
    // Each within four standard errors of a sample quantile of 20,000 draws (at most 1.5% of the target):
    // sqrt(p(1 − p)/n)/φ(z_p) on the normal scale, times (1 + votes)·sd on the vote scale.
    const medianTolerance = 4 * quantileError(0.5, 0, 10000, Math.max(sdBelow, sdAbove), DRAWS);
    expect(medianTolerance).toBeLessThan(150);
    expect(Math.abs(at(0.5) - 10000)).toBeLessThan(medianTolerance);
    expect(Math.abs(at(0.05) - low)).toBeLessThan(4 * quantileError(0.05, -Z90, low, sdBelow, DRAWS));
    expect(Math.abs(at(0.95) - high)).toBeLessThan(4 * quantileError(0.95, Z90, high, sdAbove, DRAWS));
  });

  it.each([
    ['three candidates (general path)', [3000, 2000, 1000], [10, 20, 30]],
    ['two candidates (fast path)', [3000, 2000], [10, 20]],
  ])('draws exactly the expected votes of each unit when its sds are 0: %s', (_, first, second) => {
    const file = raceOf([
      { counted: [first], outstanding: { expected: 1000, low: 800, high: 1300 } },
      { counted: [second], outstanding: { expected: 250 } },
    ]);
    const { race, buffers } = simulate(file, 200, { adjust: withFixedVolume });
    buffers.outstandingVotes.forEach((total, draw) => {
      expect(total).toBeCloseTo(1250, 9);
      expect(added(race, buffers, draw).reduce((a, b) => a + b, 0)).toBeCloseTo(1250, 9);
    });
  });

  /** Per dimension, each draw's log-ratio in a single-unit race: with a fixed volume, exactly the drawn one. */
  function drawnLogRatios(counted: readonly (readonly number[])[], parameters: ModelParameters = DEFAULT_PARAMETERS) {
    const file = raceOf([{ counted: counted.map((snapshot) => [...snapshot]), outstanding: { expected: 10000 } }]);
    const { race, buffers } = simulate(file, DRAWS, { adjust: withFixedVolume, parameters });
    const dimensions = race.candidateCount - 1;
    const ratios = Array.from({ length: dimensions }, (_, d) =>
      Array.from({ length: DRAWS }, (_, draw) => {
        const gain = added(race, buffers, draw);
        return Math.log(gain[race.dimensionCandidate[d]] / gain[race.referenceCandidate]);
      }),
    );
    /** (L·Lᵀ)[i][j], the lean covariance that the Cholesky factor stands for. */
    const covariance = (i: number, j: number) => {
      let sum = 0;
      for (let k = 0; k < dimensions; k++) sum += race.leanFactor[i * dimensions + k] * race.leanFactor[j * dimensions + k];
      return sum;
    };
    return { race, dimensions, ratios, covariance };
  }

  const paths = [
    ['three candidates (general path)', [[3000, 2000, 1000], [3500, 2600, 1100]]],
    ['two candidates (fast path)', [[3000, 2000], [3500, 2600]]],
  ] as const;

  it.each(paths)("draws a unit's log-ratios centred on the lean's mean: %s", (_, counted) => {
    const { race, dimensions, ratios } = drawnLogRatios(counted);
    for (let i = 0; i < dimensions; i++) {
      // Within four standard errors of the sample mean.
      const error = Math.sqrt(varianceOf(ratios[i]) / DRAWS);
      expect(Math.abs(meanOf(ratios[i]) - race.leanMean[i])).toBeLessThan(4 * error);
    }
  });

  it.each(paths)("draws a unit's log-ratios with covariance L·Lᵀ (near-normal errors, 400 degrees of freedom): %s", (_, counted) => {
    // With ν = 400 the t scale s has E[s²] = 1 and sd about 0.07: the errors are close to normal, so the
    // sample covariance settles as for normals.
    const { dimensions, ratios, covariance } = drawnLogRatios(counted, ModelParametersSchema.parse({ leanTailDegrees: 400 }));
    const means = ratios.map(meanOf);
    for (let i = 0; i < dimensions; i++) {
      for (let j = 0; j < dimensions; j++) {
        const sample = ratios[i].reduce((sum, x, draw) => sum + (x - means[i]) * (ratios[j][draw] - means[j]), 0) / (DRAWS - 1);
        // The sd of a sample (co)variance of normals is at most sqrt(2 / n)·σᵢσⱼ, 1% here: allow 5%.
        const scale = Math.sqrt(covariance(i, i) * covariance(j, j));
        expect(Math.abs(sample - covariance(i, j))).toBeLessThan(0.05 * scale);
      }
    }
  });

  it.each(paths)("draws a unit's log-ratios with Student-t tails of leanTailDegrees = 3 and unit variance: %s", (_, counted) => {
    const { race, ratios } = drawnLogRatios(counted);
    expect(race.leanTailDegrees).toBe(3);
    // The first log-ratio is mean + L₀₀·s·z: standardised and times sqrt(ν / (ν − 2)) = √3, a t with 3 df.
    const t = sorted(ratios[0].map((x) => ((x - race.leanMean[0]) / race.leanFactor[0]) * Math.sqrt(3)));
    // Quantiles of Student's t with 3 df, and its density (2 / (π√3))·(1 + x²/3)^−2.
    const density = (x: number) => (2 / (Math.PI * Math.sqrt(3))) * (1 + (x * x) / 3) ** -2;
    for (const [p, quantile] of [[0.75, 0.7648923], [0.95, 2.3533634], [0.99, 4.5407029]]) {
      // Four standard errors of a sample quantile: sqrt(p(1 − p) / n) / f(quantile).
      const tolerance = (4 * Math.sqrt((p * (1 - p)) / DRAWS)) / density(quantile);
      expect(Math.abs(t[Math.round(p * (DRAWS - 1))] - quantile)).toBeLessThan(tolerance);
      expect(Math.abs(t[Math.round((1 - p) * (DRAWS - 1))] + quantile)).toBeLessThan(tolerance);
    }
    // A normal's 95th percentile would be 1.645·√3 = 2.849 here, well outside the tolerance of the t's 2.353.
  });

  it('gives exactly the counted totals in every draw when nothing is outstanding', () => {
    const file = structuredClone(twoUnitRace());
    file.releases[1].units[1].outstanding = { expected: 0 };
    const { race, buffers } = simulate(file, 1000);
    expect(race.openUnitCount).toBe(0);
    for (let draw = 0; draw < 1000; draw++) {
      expect(Array.from(buffers.finalVotes.subarray(draw * 3, draw * 3 + 3))).toEqual([2600, 2200, 450]);
    }
    expect(buffers.outstandingVotes.every((votes) => votes === 0)).toBe(true);
  });

  it("splits a single unit's outstanding votes with mean shares E[softmax(mean + s·L·z)] (independent Monte Carlo)", () => {
    const { race, buffers } = simulate(singleUnit, DRAWS);
    const gains = Array.from({ length: DRAWS }, (_, draw) => added(race, buffers, draw));
    const shares = [0, 1, 2].map((c) => gains.map((gain, draw) => gain[c] / buffers.outstandingVotes[draw]));

    // Oracle: the shares drawn directly, from another stream, with the reference at 0: z standard normal
    // and s the Student-t scale, sqrt((ν − 2) / χ²_ν), one per draw (docs/model.md, Heavy tails).
    const oracleDraws = 200_000;
    const stream = streamForBlock('oracle', 'softmax', 0);
    const [l00, , l10, l11] = race.leanFactor;
    const oracle = [[], [], []] as number[][];
    for (let draw = 0; draw < oracleDraws; draw++) {
      let chiSquare = 0;
      for (let k = 0; k < race.leanTailDegrees; k++) chiSquare += stream.nextNormal() ** 2;
      const scale = Math.sqrt((race.leanTailDegrees - 2) / chiSquare);
      const [z0, z1] = [scale * stream.nextNormal(), scale * stream.nextNormal()];
      const exponentials = [Math.exp(race.leanMean[0] + l00 * z0), Math.exp(race.leanMean[1] + l10 * z0 + l11 * z1)];
      const denominator = 1 + exponentials[0] + exponentials[1];
      oracle[race.referenceCandidate].push(1 / denominator);
      race.dimensionCandidate.forEach((candidate, d) => oracle[candidate].push(exponentials[d] / denominator));
    }
    for (let c = 0; c < 3; c++) {
      // Five standard errors of the difference of two independent sample means.
      const error = Math.sqrt(varianceOf(shares[c]) / DRAWS + varianceOf(oracle[c]) / oracleDraws);
      expect(Math.abs(meanOf(shares[c]) - meanOf(oracle[c]))).toBeLessThan(5 * error);
    }
    // And the order of the mean shares follows the lean: a (reference, 0) > b > c.
    expect(race.referenceCandidate).toBe(0);
    expect(race.leanMean[0]).toBeGreaterThan(race.leanMean[1]);
    expect(meanOf(shares[0])).toBeGreaterThan(meanOf(shares[1]));
    expect(meanOf(shares[1])).toBeGreaterThan(meanOf(shares[2]));
  });

  it('orders the shares by the lean of recent batches, not by the counted votes', () => {
    // c trails in the count but has won the last three batches by far.
    const counted = [[3000, 2000, 500], [3100, 2100, 1300], [3200, 2200, 2100], [3300, 2300, 2900]];
    const file = raceOf([{ counted, outstanding: { expected: 10000 } }]);
    // Without the early lean, whose wide logit error would let mean shares differ in order from mean log-ratios,
    // and with a light prior (2 batches' worth), so that three batches outweigh the running total.
    const parameters = ModelParametersSchema.parse({ earlyLeanSd: 0, remainderErrorShare: 0, priorBatches: 2 });
    const { race, buffers } = simulate(file, 4000, { parameters });
    expect(race.referenceCandidate).toBe(0);
    const meanShares = [0, 1, 2].map((c) =>
      meanOf(Array.from({ length: 4000 }, (_, draw) => added(race, buffers, draw)[c] / buffers.outstandingVotes[draw])),
    );
    const lean = [0, race.leanMean[0], race.leanMean[1]]; // a is the reference: log-ratio 0
    const byLean = [0, 1, 2].sort((x, y) => lean[y] - lean[x]);
    const byShare = [0, 1, 2].sort((x, y) => meanShares[y] - meanShares[x]);
    expect(byShare).toEqual(byLean);
    expect(byShare[0]).toBe(2);
  });

  it('makes the units\' volumes move together by sharedErrorShare: twice the variance when fully shared', () => {
    const unit = { counted: [[3000, 2000, 1000]], outstanding: { expected: 10000 } };
    const file = raceOf([unit, unit]);
    const varianceAt = (sharedErrorShare: number) => {
      const parameters = ModelParametersSchema.parse({ sharedErrorShare });
      return varianceOf(Array.from(simulate(file, DRAWS, { seed: 'shared', parameters }).buffers.outstandingVotes));
    };
    // Var(X + Y) is 4·Var(X) for perfectly correlated X, Y and 2·Var(X) for independent ones. Each sample
    // variance is uncertain by about 1.5% here, so the ratio by about 2%: ±10% is five standard errors.
    const ratio = varianceAt(1) / varianceAt(0);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });

  it('writes only the draws of its block, and the same stream gives the same draws wherever they go', () => {
    const race = prepareRace(twoUnitRace(), 0, DEFAULT_PARAMETERS);
    const buffers = {
      finalVotes: new Float64Array(10 * 3).fill(Number.NaN),
      outstandingVotes: new Float64Array(10).fill(Number.NaN),
    };
    simulateBlock(race, streamForBlock('s', 'r', 0), 5, 3, buffers);
    expect(Array.from(buffers.outstandingVotes, (value) => Number.isNaN(value))).toEqual([
      true, true, true, true, true, false, false, false, true, true,
    ]);
    const atStart = { finalVotes: new Float64Array(3 * 3), outstandingVotes: new Float64Array(3) };
    simulateBlock(race, streamForBlock('s', 'r', 0), 0, 3, atStart);
    expect(Array.from(buffers.outstandingVotes.subarray(5, 8))).toEqual(Array.from(atStart.outstandingVotes));
    expect(Array.from(buffers.finalVotes.subarray(15, 24))).toEqual(Array.from(atStart.finalVotes));
  });

  it('gives identical draws for the same stream and different draws for another', () => {
    const first = simulate(twoUnitRace(), 100, { seed: 'seed-1' }).buffers;
    const again = simulate(twoUnitRace(), 100, { seed: 'seed-1' }).buffers;
    const other = simulate(twoUnitRace(), 100, { seed: 'seed-2' }).buffers;
    expect(again).toEqual(first);
    expect(other.outstandingVotes.some((votes, draw) => votes !== first.outstandingVotes[draw])).toBe(true);
  });
});
