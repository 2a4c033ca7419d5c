import { describe, expect, it } from 'vitest';
import { batchesOf } from '../../../core/model/batches.ts';
import { choleskyFactor } from '../../../core/model/cholesky.ts';
import { estimateLean, type LeanEstimate } from '../../../core/model/estimate-lean.ts';
import { logRatios } from '../../../core/model/log-ratios.ts';
import { DEFAULT_PARAMETERS, ModelParametersSchema } from '../../../core/model/parameters.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

const parameters = DEFAULT_PARAMETERS;
const { pseudoVotes, priorLeanSd, leanSdFloor } = DEFAULT_PARAMETERS;

/** Cumulative snapshots from the batches that built them. */
function cumulate(batches: readonly (readonly number[])[]): number[][] {
  const snapshots: number[][] = [];
  let running = batches[0].map(() => 0);
  for (const batch of batches) {
    running = running.map((votes, candidate) => votes + batch[candidate]);
    snapshots.push(running);
  }
  return snapshots;
}

const repeat = <T>(count: number, ...items: T[]): T[] => Array.from({ length: count }, () => items).flat();

/** Estimates a lean that must exist. */
function leanOf(snapshots: readonly (readonly number[])[], reference: number, used = parameters): LeanEstimate {
  const lean = estimateLean(snapshots, reference, used);
  if (lean === undefined) throw new Error('expected a lean');
  return lean;
}

/** A four-candidate history with uneven batches and one correction, from a seeded stream. */
function unevenHistory(): number[][] {
  const stream = streamForBlock('lean', 'test', 0);
  const batches = Array.from({ length: 9 }, () =>
    [400, 300, 200, 100].map((base) => Math.round(base * Math.exp(0.4 * stream.nextNormal()))),
  );
  const snapshots = cumulate(batches);
  snapshots.splice(5, 0, snapshots[4].map((votes, candidate) => (candidate === 2 ? votes - 50 : votes))); // a correction
  return snapshots;
}

/** (Σw)² / Σw² for batch sizes and the default half-life. */
function kish(sizes: readonly number[], halfLife = parameters.recencyHalfLife): number {
  const weights = sizes.map((size, index) => size * 2 ** (-(sizes.length - 1 - index) / halfLife));
  const sum = weights.reduce((a, b) => a + b, 0);
  return sum ** 2 / weights.reduce((a, b) => a + b * b, 0);
}

describe('estimateLean', () => {
  it('is undefined for a unit with no batch yet', () => {
    expect(estimateLean([], 0, parameters)).toBeUndefined();
    expect(estimateLean([[0, 0, 0]], 0, parameters)).toBeUndefined();
    expect(estimateLean([[0, 0], [0, 0]], 1, parameters)).toBeUndefined();
  });

  it('with one snapshot, has the cumulative log-ratios as its mean and one effective batch', () => {
    const snapshot = [500, 300, 200];
    const lean = leanOf([snapshot], 0);
    const cumulative = logRatios(snapshot, 0, pseudoVotes);
    expect(lean.mean).toHaveLength(2);
    lean.mean.forEach((value, dimension) => expect(value).toBeCloseTo(cumulative[dimension], 14));
    expect(lean.effectiveBatches).toBeCloseTo(1, 14);
  });

  it('with identical batches, blends batch and cumulative log-ratios by n / (n + priorBatches), with the prior covariance', () => {
    // Four batches in identical proportions: the batch spread is zero, so the covariance is
    // ((1 − w)·priorLeanSd² + leanSdFloor²)·(I + J), with w = n / (n + priorBatches) and n the Kish count.
    const batch = [400, 400, 200];
    const snapshots = cumulate(repeat(4, batch));
    const lean = leanOf(snapshots, 0);

    // Kish: (1 + 2^-½ + 2^-1 + 2^-1.5)² / (1 + 2^-1 + 2^-2 + 2^-3) = 1.8 + 1.2·√2.
    const effective = kish([1000, 1000, 1000, 1000]);
    expect(lean.effectiveBatches).toBeCloseTo(1.8 + 1.2 * Math.SQRT2, 12);
    expect(lean.effectiveBatches).toBeCloseTo(effective, 12);
    const dataWeight = effective / (effective + parameters.priorBatches);
    const batchRatios = logRatios(batch, 0, pseudoVotes);
    const cumulative = logRatios(snapshots[3], 0, pseudoVotes);
    lean.mean.forEach((value, dimension) => {
      expect(value).toBeCloseTo(dataWeight * batchRatios[dimension] + (1 - dataWeight) * cumulative[dimension], 14);
    });
    const variance = (1 - dataWeight) * priorLeanSd ** 2 + leanSdFloor ** 2;
    const expected = [2 * variance, variance, variance, 2 * variance];
    lean.covariance.forEach((value, index) => expect(value).toBeCloseTo(expected[index], 14));
  });

  it('follows many steady batches that break unlike the cumulative share', () => {
    // An even first snapshot, then batches breaking 30-70: the mean leaves the cumulative ratio for the batches'.
    // With a light prior (2 batches' worth) it ends nearer the batches than the cumulative ratio.
    const light = ModelParametersSchema.parse({ priorBatches: 2 });
    const history = (batches: number) => cumulate([[5000, 5000], ...repeat(batches, [300, 700])]);
    const batchRatio = Math.log(700.5 / 300.5);
    const distance = (batches: number) => {
      const snapshots = history(batches);
      const mean = leanOf(snapshots, 0, light).mean[0];
      const cumulative = logRatios(snapshots.at(-1)!, 0, pseudoVotes)[0];
      expect(mean).toBeGreaterThan(cumulative);
      expect(mean).toBeLessThan(batchRatio);
      expect(batchRatio - mean).toBeLessThan(mean - cumulative);
      return batchRatio - mean;
    };
    // More steady batches, closer to them.
    expect(distance(20)).toBeLessThan(distance(10));
  });

  it('is pulled by a late shift: the same votes in another order lean towards the recent batches', () => {
    const towardsFirst = [600, 400];
    const towardsSecond = [400, 600];
    const lateShift = cumulate([...repeat(3, towardsFirst), ...repeat(3, towardsSecond)]);
    const earlyShift = cumulate([...repeat(3, towardsSecond), ...repeat(3, towardsFirst)]);
    expect(lateShift.at(-1)).toEqual(earlyShift.at(-1)); // same cumulative count: an even [3000, 3000]
    const late = leanOf(lateShift, 0).mean[0];
    const early = leanOf(earlyShift, 0).mean[0];
    expect(late).toBeGreaterThan(0.05); // towards ln(600.5 / 400.5) = 0.405
    expect(early).toBeLessThan(-0.05);
    expect(late).toBeCloseTo(-early, 12); // mirror images of each other
  });

  it('weighs a batch half as much for every half-life back', () => {
    const older = [100, 300];
    const newer = [300, 100];
    const unblended = ModelParametersSchema.parse({ priorBatches: 0, recencyHalfLife: 1 });
    const mean = leanOf(cumulate([older, newer]), 0, unblended).mean[0];
    const olderRatio = Math.log(300.5 / 100.5);
    const newerRatio = Math.log(100.5 / 300.5);
    expect(mean).toBeCloseTo((0.5 * olderRatio + 1 * newerRatio) / 1.5, 14);
  });

  it('has a larger covariance when the batches vary more', () => {
    const diagonal = (batches: number[][]) => leanOf(cumulate(batches), 0).covariance[0];
    const steady = diagonal(repeat(3, [500, 500], [500, 500]));
    const varying = diagonal(repeat(3, [450, 550], [550, 450]));
    const wild = diagonal(repeat(3, [300, 700], [700, 300]));
    expect(varying).toBeGreaterThan(steady);
    expect(wild).toBeGreaterThan(varying);
  });

  it('has a symmetric positive-definite covariance', () => {
    const lean = leanOf(unevenHistory(), 1);
    const size = 3;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        expect(lean.covariance[i * size + j]).toBeCloseTo(lean.covariance[j * size + i], 15);
      }
    }
    expect(() => choleskyFactor(lean.covariance, size)).not.toThrow();
    const stream = streamForBlock('quadratic-form', 'test', 0);
    for (let trial = 0; trial < 20; trial++) {
      const x = Array.from({ length: size }, () => stream.nextNormal());
      let form = 0;
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) form += x[i] * lean.covariance[i * size + j] * x[j];
      expect(form).toBeGreaterThan(0);
    }
  });

  it('with priorBatches 0, has the pure recency- and size-weighted batch mean and covariance plus the floor', () => {
    const snapshots = unevenHistory();
    const reference = 1;
    const unblended = ModelParametersSchema.parse({ priorBatches: 0 });
    const lean = leanOf(snapshots, reference, unblended);

    // Independently: weight = size · 2^(−age / half-life); weighted mean; biased weighted covariance.
    const batches = batchesOf(snapshots);
    expect(batches).toHaveLength(9); // the correction is skipped
    const ratios = batches.map((batch) => logRatios(batch, reference, pseudoVotes));
    const weights = batches.map(
      (batch, index) => batch.reduce((a, b) => a + b, 0) * 2 ** (-(batches.length - 1 - index) / unblended.recencyHalfLife),
    );
    const total = weights.reduce((a, b) => a + b, 0);
    const mean = [0, 1, 2].map((i) => ratios.reduce((sum, ratio, b) => sum + weights[b] * ratio[i], 0) / total);
    lean.mean.forEach((value, i) => expect(value).toBeCloseTo(mean[i], 12));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const spread =
          ratios.reduce((sum, ratio, b) => sum + weights[b] * (ratio[i] - mean[i]) * (ratio[j] - mean[j]), 0) / total;
        const floor = leanSdFloor ** 2 * (i === j ? 2 : 1);
        expect(lean.covariance[i * 3 + j]).toBeCloseTo(spread + floor, 12);
      }
    }
  });

  it('does not change its inputs', () => {
    const snapshots = Object.freeze(unevenHistory().map((snapshot) => Object.freeze(snapshot)));
    const copy = structuredClone(snapshots);
    const frozenParameters = Object.freeze({ ...parameters });
    const lean = leanOf(snapshots, 0, frozenParameters);
    expect(lean.mean).toHaveLength(3);
    expect(snapshots).toEqual(copy);
    expect(frozenParameters).toEqual(DEFAULT_PARAMETERS);
  });
});
