import { describe, expect, it } from 'vitest';
import { estimateDriftRate } from '../../../core/model/estimate-drift.ts';
import { estimateLean, type LeanEstimate } from '../../../core/model/estimate-lean.ts';
import { ModelParametersSchema, type ModelParameters } from '../../../core/model/parameters.ts';
import { positionedBatches } from '../../../core/model/positioned-batches.ts';
import { prepareRace } from '../../../core/model/prepare-race.ts';
import { recencyWeights } from '../../../core/model/recency-weights.ts';
import type { CountFile } from '../../../core/schemas/index.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';
import { parameters, WITHOUT_REAL_COUNT_TERMS, withUncountedUnit } from './prepare-race-fixtures.ts';

// The lean prepareRace gives each open unit: its mean, and the Cholesky factor of its covariance.

/** The model without the count profile: each unit's lean is its own history's (tested on its own below). */
const historyOnly = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, profileWeight: 0 });
const fullProfile = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, profileWeight: 1 });

/** L·Lᵀ for a row-major size × size matrix L. */
function timesTranspose(factor: ArrayLike<number>, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      for (let k = 0; k < size; k++) product[row * size + column] += factor[row * size + k] * factor[column * size + k];
    }
  }
  return product;
}

/** The lean covariance of open unit `open` of a prepared race, from its Cholesky factor. */
function covarianceOf(race: ReturnType<typeof prepareRace>, open: number): Float64Array {
  const dimensions = race.candidateCount - 1;
  const size = dimensions * dimensions;
  return timesTranspose(race.leanFactor.subarray(open * size, (open + 1) * size), dimensions);
}

function leanOf(snapshots: number[][], reference: number, used: ModelParameters = parameters): LeanEstimate {
  const lean = estimateLean(snapshots, reference, used);
  if (lean === undefined) throw new Error('expected a lean');
  return lean;
}

/**
 * The race's drift still to come, rate / 3, composed from the exported pieces as docs/model.md describes:
 * the race's summed count, its batches placed on the clock of expected final votes, recency weights and
 * estimateDriftRate. Add it, times R^driftRemainingExponent, to a unit's history covariance.
 */
function driftStillToCome(file: CountFile, releaseIndex: number, reference: number, used: ModelParameters): Float64Array {
  const ids = file.race.candidates.map((candidate) => candidate.id);
  const releases = file.releases.slice(0, releaseIndex + 1);
  const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const snapshots = releases.map((release) => ids.map((id) => total(release.units.map((unit) => unit.counted[id]))));
  const counted = total(snapshots.at(-1)!);
  const expectedFinal = counted + total(releases.at(-1)!.units.map((unit) => unit.outstanding.expected));
  const batches = positionedBatches(snapshots, expectedFinal, reference, used.pseudoVotes);
  const weights = recencyWeights(batches.map((batch) => batch.size), used.recencyHalfLife);
  return estimateDriftRate(batches, weights, counted / expectedFinal, used).map((rate) => rate / 3);
}

/** A race of one release with only unit c, which has counted nothing. */
function nothingCounted(): CountFile {
  const file = withUncountedUnit();
  file.releases = [{ ...file.releases[0], units: [file.releases[0].units[2]] }];
  return file;
}

describe('prepareRace: the lean of each open unit', () => {
  it('gives each open unit the mean lean of its own history (count profile off)', () => {
    const race = prepareRace(twoUnitRace(), 1, historyOnly);
    // Unit b, in candidate order [ann, bob, cy], against ann (the reference).
    const lean = leanOf([[1000, 1200, 200], [1800, 1700, 300]], 0);
    expect(Array.from(race.leanMean)).toEqual(Array.from(lean.mean));
  });

  it("gives each open unit the Cholesky factor of its history's lean covariance plus the race's drift still to come (count profile off)", () => {
    const race = prepareRace(twoUnitRace(), 1, historyOnly);
    const lean = leanOf([[1000, 1200, 200], [1800, 1700, 300]], 0, historyOnly);
    // Unit b has 2,000 of its 5,800 votes still out (before the track record, which moves no lean).
    const horizon = (2000 / 5800) ** historyOnly.driftRemainingExponent;
    const drift = driftStillToCome(twoUnitRace(), 1, 0, historyOnly);
    const covariance = timesTranspose(race.leanFactor, 2);
    covariance.forEach((value, index) => expect(value).toBeCloseTo(lean.covariance[index] + horizon * drift[index], 14));
    // The drift is a covariance of its own: the prior rate priorDriftSd²·(I + J) blended with what was seen.
    expect(drift[0]).toBeGreaterThan(0);
    expect(drift[1]).toBe(drift[2]);
  });

  it('scales the drift still to come by the share of each unit left to count, to the power driftRemainingExponent', () => {
    // Release 0: unit a has 600 of 1,400 votes still out, unit b 3,000 of 5,400; the reference is bob.
    const remaining = [600 / 1400, 3000 / 5400];
    const histories = [[[400, 300, 100]], [[1000, 1200, 200]]];
    for (const exponent of [0, 0.5, 1]) {
      const used = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, driftRemainingExponent: exponent, profileWeight: 0 });
      const race = prepareRace(twoUnitRace(), 0, used);
      // What each unit's covariance adds to its own history's: the race's drift, scaled per unit.
      const added = [0, 1].map((unit) => {
        const covariance = timesTranspose(race.leanFactor.subarray(unit * 4, unit * 4 + 4), 2);
        const history = leanOf(histories[unit], 1, used).covariance;
        return Array.from(covariance, (value, index) => value - history[index]);
      });
      const drift = driftStillToCome(twoUnitRace(), 0, 1, used);
      [0, 1].forEach((unit) => {
        added[unit].forEach((value, index) => expect(value).toBeCloseTo(drift[index] * remaining[unit] ** exponent, 14));
      });
      expect(added[0][0] / added[1][0]).toBeCloseTo((remaining[0] / remaining[1]) ** exponent, 10);
    }
  });

  it('moves a unit\'s lean towards how later votes leaned in a unit that is further along its count', () => {
    // Unit a is done: its second half broke 300–200 for ann. Unit b is at 60% of its count, all even so far.
    const release = (units: CountFile['releases'][number]['units']) => ({ ...twoUnitRace().releases[0], units });
    const file = structuredClone(twoUnitRace());
    file.race.candidates = file.race.candidates.slice(0, 2);
    file.releases = [
      release([
        { id: 'a', counted: { ann: 250, bob: 250 }, outstanding: { expected: 500 } },
        { id: 'b', counted: { ann: 200, bob: 200 }, outstanding: { expected: 600 } },
      ]),
      release([
        { id: 'a', counted: { ann: 550, bob: 450 }, outstanding: { expected: 0 } },
        { id: 'b', counted: { ann: 300, bob: 300 }, outstanding: { expected: 400 } },
      ]),
    ];
    const withProfile = prepareRace(file, 1, fullProfile);
    const without = prepareRace(file, 1, historyOnly);
    expect(without.leanMean[0]).toBeCloseTo(0, 10); // bob against ann: b's history is even
    // The profile says about log(200.5 / 300.5) for the rest of b's count. Unit a has 2 batches, one of them
    // spent on its own level: evidence 0.5, weight 0.5 / (0.5 + 2) = 1 / 5 (b and a disagree in the bin from
    // 0.5 to 0.6, so not exactly).
    expect(withProfile.leanMean[0]).toBeLessThan(Math.log(200.5 / 300.5) / 6);
    expect(withProfile.leanMean[0]).toBeGreaterThan(Math.log(200.5 / 300.5) / 4);
    // The profile fits unit a exactly, so its evidence also narrows the lean and the drift still to come.
    expect(withProfile.leanFactor[0]).toBeLessThan(without.leanFactor[0]);
    // profileWeight scales the evidence, so with an even history the default weight moves the mean in proportion.
    const byDefault = prepareRace(file, 1, parameters);
    expect(byDefault.leanMean[0]).toBeCloseTo(parameters.profileWeight * withProfile.leanMean[0], 12);
  });

  it('takes nothing from the count profile in a race of 20 units with one release: nothing was observed beyond each unit\'s level', () => {
    const units = Array.from({ length: 20 }, (_, unit) => ({
      id: `u${unit}`,
      counted: { ann: 100 + 13 * unit, bob: 120 + 7 * (unit % 4) },
      outstanding: { expected: 200 + 40 * unit },
    }));
    const file = structuredClone(twoUnitRace());
    file.race.candidates = file.race.candidates.slice(0, 2);
    file.releases = [{ ...file.releases[0], units }];
    expect(prepareRace(file, 0, fullProfile)).toEqual(prepareRace(file, 0, historyOnly));
  });

  it('adds earlyLeanSd²·R^earlyLeanExponent·(I + J) to an open unit\'s lean, R the race\'s share still out', () => {
    // Release 0: 3,200 counted and 3,600 expected in the race, R = 3600 / 6800. Count profile off (evidence 0).
    for (const [sd, exponent] of [[0.5, 1], [1.5, 20]]) {
      const early = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, profileWeight: 0, earlyLeanSd: sd, earlyLeanExponent: exponent });
      const added = covarianceOf(prepareRace(twoUnitRace(), 0, early), 1);
      const without = covarianceOf(prepareRace(twoUnitRace(), 0, historyOnly), 1);
      const expected = sd ** 2 * (3600 / 6800) ** exponent;
      expect(added[0] - without[0]).toBeCloseTo(2 * expected, 12); // (I + J) on the diagonal
      expect(added[1] - without[1]).toBeCloseTo(expected, 12);
    }
  });

  it('leaves a race of one unit as its own history says: no other unit is further along', () => {
    const file = structuredClone(twoUnitRace());
    for (const release of file.releases) release.units = release.units.filter((unit) => unit.id === 'b');
    expect(prepareRace(file, 1, parameters)).toEqual(prepareRace(file, 1, historyOnly));
  });

  it('falls back to the mean lean of the whole race for a unit that has counted nothing', () => {
    const race = prepareRace(withUncountedUnit(), 1, parameters);
    expect(race.openUnitCount).toBe(2); // b, then c
    // The race-level lean comes from the counts summed over units at each release.
    const raceLean = leanOf([[1400, 1500, 300], [2600, 2200, 450]], 0);
    const fallbackMean = race.leanMean.subarray(2, 4);
    fallbackMean.forEach((value, i) => expect(value).toBeCloseTo(raceLean.mean[i], 14));
  });

  it("widens the race-level covariance by priorLeanSd²·(I + J), plus drift, for a unit that has counted nothing", () => {
    const race = prepareRace(withUncountedUnit(), 1, parameters);
    const raceLean = leanOf([[1400, 1500, 300], [2600, 2200, 450]], 0);
    const drift = driftStillToCome(withUncountedUnit(), 1, 0, parameters);
    const covariance = timesTranspose(race.leanFactor.subarray(4, 8), 2);
    const prior = parameters.priorLeanSd ** 2;
    const widened = [0, 1, 2, 3].map(
      (index) => raceLean.covariance[index] + prior * (index === 0 || index === 3 ? 2 : 1) + drift[index],
    );
    covariance.forEach((value, index) => expect(value).toBeCloseTo(widened[index], 14));
  });

  it('treats every candidate as even when nothing is counted anywhere', () => {
    const race = prepareRace(nothingCounted(), 0, parameters);
    expect(race.referenceCandidate).toBe(0);
    expect(Array.from(race.countedTotals)).toEqual([0, 0, 0]);
    expect(Array.from(race.leanMean)).toEqual([0, 0]);
  });

  it('gives only prior uncertainty when nothing is counted anywhere: lean, floor and drift priors', () => {
    const race = prepareRace(nothingCounted(), 0, parameters);
    // Race level: (priorLeanSd² + leanSdFloor²)(I + J); the unit's fallback adds priorLeanSd²(I + J) to it,
    // and with no batch the drift rate is its prior, priorDriftSd²(I + J), a third of it still to come.
    const variance = 2 * parameters.priorLeanSd ** 2 + parameters.leanSdFloor ** 2 + parameters.priorDriftSd ** 2 / 3;
    const covariance = timesTranspose(race.leanFactor, 2);
    [2 * variance, variance, variance, 2 * variance].forEach((value, index) => expect(covariance[index]).toBeCloseTo(value, 14));
  });
});
