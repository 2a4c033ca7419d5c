import { errorFunction } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { DRAWS_PER_BLOCK, streamForBlock, swingStreamForBlock } from '../../../core/random/stream-for-block.ts';
import { RandomStream } from '../../../core/random/random-stream.ts';

const take = (count: number, next: () => number) => Float64Array.from({ length: count }, next);

/** The standard normal CDF from simple-statistics' error function (accurate to about 1e-7). */
const normalCdf = (x: number) => 0.5 * (1 + errorFunction(x / Math.SQRT2));

describe('streamForBlock', () => {
  it('gives the same numbers for the same seed, race and block', () => {
    const first = streamForBlock('42', 'race', 3);
    const second = streamForBlock('42', 'race', 3);
    expect(take(100, () => first.nextUniform())).toEqual(take(100, () => second.nextUniform()));
  });

  it('gives different streams for a different seed, race or block', () => {
    const reference = take(10, ((s) => () => s.nextUniform())(streamForBlock('42', 'race', 3)));
    for (const [seed, race, block] of [['43', 'race', 3], ['42', 'other', 3], ['42', 'race', 4]] as const) {
      const stream = streamForBlock(seed, race, block);
      expect(take(10, () => stream.nextUniform())).not.toEqual(reference);
    }
  });

  it('does not confuse seeds and races that concatenate alike', () => {
    const a = streamForBlock('1', '2-x', 0).nextUniform();
    const b = streamForBlock('12', '-x', 0).nextUniform();
    expect(a).not.toBe(b);
  });

  it('keeps its first numbers fixed across releases of the code (golden values)', () => {
    const stream = streamForBlock('42', 'la-mayor-2022-general', 0);
    expect(Array.from({ length: 3 }, () => stream.nextInt32())).toMatchInlineSnapshot(`
      [
        -592203392,
        -2147232978,
        1003289224,
      ]
    `);
  });

  it('uses blocks of a fixed size', () => {
    expect(DRAWS_PER_BLOCK).toBe(1024);
  });
});

describe('swingStreamForBlock', () => {
  it('depends on the seed, election, party and block, and on no race', () => {
    const reference = take(10, ((s) => () => s.nextNormal())(swingStreamForBlock('42', 'night', 'dem', 0)));
    expect(take(10, ((s) => () => s.nextNormal())(swingStreamForBlock('42', 'night', 'dem', 0)))).toEqual(reference);
    for (const [seed, election, party, block] of [['43', 'night', 'dem', 0], ['42', 'other', 'dem', 0], ['42', 'night', 'rep', 0], ['42', 'night', 'dem', 1]] as const) {
      const stream = swingStreamForBlock(seed, election, party, block);
      expect(take(10, () => stream.nextNormal())).not.toEqual(reference);
    }
  });

  it('never gives a race\'s own stream, even for a race named like the election', () => {
    expect(swingStreamForBlock('42', 'night', 'dem', 0).nextInt32()).not.toBe(streamForBlock('42', 'night', 0).nextInt32());
  });

  it('keeps its first numbers fixed across releases of the code (golden values)', () => {
    const stream = swingStreamForBlock('42', 'ga-2021-runoff', 'Dem', 0);
    expect(Array.from({ length: 3 }, () => stream.nextInt32())).toMatchInlineSnapshot(`
      [
        359538616,
        1263940174,
        1739506907,
      ]
    `);
  });
});

describe('RandomStream uniforms', () => {
  it('lie strictly inside (0, 1) with mean 1/2 and variance 1/12', () => {
    const stream = streamForBlock('u', 'r', 0);
    const values = take(200_000, () => stream.nextUniform());
    expect(values.every((value) => value > 0 && value < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });
});

describe('RandomStream normals (ziggurat)', () => {
  const stream = streamForBlock('n', 'r', 0);
  const values = take(400_000, () => stream.nextNormal()).sort();

  it('match the standard normal CDF everywhere (Kolmogorov-Smirnov distance)', () => {
    let distance = 0;
    values.forEach((value, index) => {
      const cdf = normalCdf(value);
      distance = Math.max(distance, Math.abs(cdf - index / values.length), Math.abs(cdf - (index + 1) / values.length));
    });
    // The Kolmogorov-Smirnov critical value at the 1% level is 1.63 / sqrt(n) = 0.0026.
    expect(distance).toBeLessThan(1.63 / Math.sqrt(values.length));
  });

  it('have the normal moments: mean 0, variance 1, kurtosis 3', () => {
    const n = values.length;
    const mean = values.reduce((a, b) => a + b) / n;
    const variance = values.reduce((a, b) => a + b * b, 0) / n;
    const fourth = values.reduce((a, b) => a + b ** 4, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(fourth - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });

  it('reach the tail beyond the ziggurat at the normal rate', () => {
    const beyond = values.filter((value) => Math.abs(value) > 3.442619855899).length;
    const expected = 2 * (1 - normalCdf(3.442619855899)) * values.length;
    // About 227 expected; Poisson sd about 15, so these bounds are 4 sd either way.
    expect(Math.abs(beyond - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe('fillNormals', () => {
  it('gives the same normals, in the same order, as as many nextNormal calls', () => {
    const filled = new Float64Array(5000);
    new RandomStream(9, 8, 7, 6).fillNormals(filled);
    const one = new RandomStream(9, 8, 7, 6);
    expect(Array.from(filled)).toEqual(Array.from({ length: 5000 }, () => one.nextNormal()));
  });
});
