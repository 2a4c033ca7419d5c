import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { createRandom, fractionCountedByRelease, generateRace, truncateAt, type RaceSpec } from '../../calibration/generator/index.ts';
import { estimateOutstanding } from '../../calibration/generator/estimate-outstanding.ts';
import { deepFreeze, races, sum } from './generated-races.ts';

// The generator's parts: one race from a hand-written spec, truncating a count, estimating what is outstanding,
// and its independence from the model.

describe('generateRace', () => {
  /** An LA-like race: one unit, two candidates, even early mail, late mail breaking hard for c1. */
  const laLikeSpec: RaceSpec = deepFreeze<RaceSpec>({
    id: 'la-like',
    name: 'LA-like mayoral race',
    rule: { kind: 'plurality' },
    baseShares: [0.52, 0.48],
    unitVotes: [900_000],
    voteTypes: [
      { id: 'early-mail', share: 0.5, logitShift: [-0.2, 0.2] },
      { id: 'in-person', share: 0.2, logitShift: [0, 0] },
      { id: 'late-mail', share: 0.3, logitShift: [0.33, -0.33] },
    ],
    unitMixConcentration: 1000,
    unitLeanSd: 0,
    unitDriftSd: 0,
    batchNoiseSd: 0.02,
    counting: {
      releaseCount: 8,
      startAsOf: '2022-11-08T20:00:00-08:00',
      nightReleaseCount: 3,
      nightGapMinutesRange: [60, 60],
      dayGapHoursRange: [72, 96],
      decayPerRelease: 0.3,
      unitSpeedLogSd: 0,
      skipProbability: 0,
      lateJoinProbability: 0,
      batchSizeShape: 2,
    },
    estimates: { logBias: Math.log(0.85), releaseLogSd: 0.05, unitLogSd: 0, totalMissShare: 0.005, rangeLogSd: 0.1 },
  });

  it('turns a hand-written spec into a valid count file whose late mail breaks as specified', () => {
    const { countFile, truth } = generateRace(laLikeSpec, createRandom('la'));
    const c1Share = (type: string) => truth.votesByType[type].c1 / sum(truth.votesByType[type]);

    expect(parseCountFile(countFile).ok).toBe(true);
    expect(countFile.releases).toHaveLength(8);
    expect(truth.totalVotes).toBe(900_000);
    expect(c1Share('early-mail')).toBeCloseTo(0.42, 1);
    expect(c1Share('late-mail')).toBeCloseTo(0.68, 1);
  });
});

describe('truncateAt', () => {
  /** One unit, counts 25, 50, 90 and 100 votes: fractions 0.25, 0.5, 0.9 and 1. */
  const countFile = deepFreeze<CountFile>({
    schemaVersion: 1,
    race: { id: 'r', name: 'R', rule: { kind: 'plurality' }, candidates: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] },
    releases: [25, 50, 90, 100].map((votes, index) => ({
      asOf: `2024-11-05T2${index}:00:00-08:00`,
      units: [{ id: 'u001', counted: { a: votes - 10, b: 10 }, outstanding: { expected: 100 - votes } }],
    })),
  });

  it.each([
    [0, 1],
    [0.1, 1],
    [0.25, 1],
    [0.3, 1],
    [0.6, 2],
    [0.9, 3],
    [0.95, 3],
    [1, 4],
  ])('cuts at fraction %d to %d releases', (fraction, releases) => {
    expect(truncateAt(countFile, fraction).releases).toEqual(countFile.releases.slice(0, releases));
  });

  it('picks, in generated races, the last release at or below the fraction', () => {
    for (const { countFile: file } of races.slice(0, 50)) {
      const fractions = fractionCountedByRelease(file);
      for (const target of [0.3, 0.6, 0.9]) {
        const kept = truncateAt(file, target).releases.length;
        expect(kept === 1 || fractions[kept - 1] <= target).toBe(true);
        if (kept < fractions.length) expect(fractions[kept]).toBeGreaterThan(target);
      }
    }
  });

  it('rejects fractions outside [0, 1]', () => {
    expect(() => truncateAt(countFile, 1.5)).toThrow(RangeError);
    expect(() => truncateAt(countFile, Number.NaN)).toThrow(RangeError);
  });
});

describe('independence from the model', () => {
  const folder = join(import.meta.dirname, '../../calibration/generator');
  const sources = readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(join(folder, file), 'utf8') }));

  it('imports nothing from core/ but the schemas, and uses no global randomness or clock', () => {
    const coreImports = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/from '([^']*core\/[^']*)'/g)].map((match) => `${file}: ${match[1]}`),
    );

    expect(coreImports.filter((line) => !line.endsWith('core/schemas/index.ts'))).toEqual([]);
    expect(sources.filter(({ text }) => /Math\.random|Date\.now|new Date\(\)/.test(text)).map(({ file }) => file)).toEqual([]);
    expect(sources.filter(({ text }) => text.includes("from 'seedrandom'")).map(({ file }) => file)).toEqual(['random.ts']);
  });
});

describe('estimateOutstanding', () => {
  const plan = { logBias: 0, releaseLogSd: 0, unitLogSd: 0, rangeLogSd: null };

  it('misses a small remainder by a share of the unit, not of the remainder, with totalMissShare', () => {
    const random = createRandom('late-miss');
    const estimates = Array.from({ length: 2_000 }, () =>
      estimateOutstanding(200, 100_000, 0, { ...plan, totalMissShare: 0.005 }, random).expected,
    );
    // sd 500 votes around a true 200: often several times the truth, and at least 1 when clamped.
    expect(Math.min(...estimates)).toBe(1);
    expect(estimates.filter((votes) => votes > 600).length / estimates.length).toBeGreaterThan(0.15);
  });

  it('is exact without errors, and 0 for a unit that is done', () => {
    const random = createRandom('exact');
    expect(estimateOutstanding(200, 100_000, 0, { ...plan, totalMissShare: 0 }, random).expected).toBe(200);
    expect(estimateOutstanding(0, 100_000, 0, { ...plan, totalMissShare: 0.005 }, random).expected).toBe(0);
  });
});
