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

/** Kolmogorov-Smirnov distance of `values` from the standard normal, and their mean, variance and fourth moment. */
function normalFit(values: ArrayLike<number>): { distance: number; mean: number; variance: number; fourth: number } {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const n = sorted.length;
  let distance = 0;
  sorted.forEach((value, index) => {
    const cdf = normalCdf(value);
    distance = Math.max(distance, Math.abs(cdf - index / n), Math.abs(cdf - (index + 1) / n));
  });
  const mean = sorted.reduce((a, b) => a + b) / n;
  const variance = sorted.reduce((a, b) => a + b * b, 0) / n;
  const fourth = sorted.reduce((a, b) => a + b ** 4, 0) / n;
  return { distance, mean, variance, fourth };
}

/** The fit of `n` standard normals: KS distance under its 1% critical value, moments within 4 sd. */
function expectStandardNormal(values: ArrayLike<number>): void {
  const n = values.length;
  const { distance, mean, variance, fourth } = normalFit(values);
  // The Kolmogorov-Smirnov critical value at the 1% level is 1.63 / sqrt(n) = 0.0026 for 400,000.
  expect(distance).toBeLessThan(1.63 / Math.sqrt(n));
  expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
  expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  expect(Math.abs(fourth - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
}

/** How far the count of |x| > edge is from the normal's, in Poisson sds. */
function tailSds(values: ArrayLike<number>, edge: number): number {
  const beyond = Array.from(values).filter((value) => Math.abs(value) > edge).length;
  const expected = 2 * (1 - normalCdf(edge)) * values.length;
  return Math.abs(beyond - expected) / Math.sqrt(expected);
}

describe('RandomStream normals (ziggurat)', () => {
  const stream = streamForBlock('n', 'r', 0);
  const values = take(400_000, () => stream.nextNormal());

  it('match the standard normal CDF (Kolmogorov-Smirnov) and its moments: mean 0, variance 1, kurtosis 3', () => {
    expectStandardNormal(values);
  });

  it('reach beyond ±3 and the tail beyond the ziggurat (±3.654) at the normal rates, within 4 sd', () => {
    expect(tailSds(values, 3)).toBeLessThan(4);
    expect(tailSds(values, 3.6541528853610088)).toBeLessThan(4);
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

describe('the lanes (the units’ normals, four sfc32 generators stepped at once in the kernel)', () => {
  const stream = streamForBlock('lanes', 'r', 0);
  const values = new Float64Array(400_001); // not a multiple of 4: the last group is cut short
  stream.fillLaneNormals(values);

  it('match the standard normal CDF (Kolmogorov-Smirnov) and its moments', () => {
    expectStandardNormal(values);
  });

  it('reach beyond ±3 and ±3.654 (the ziggurat’s tail) at the normal rates, within 4 sd', () => {
    expect(tailSds(values, 3)).toBeLessThan(4);
    expect(tailSds(values, 3.6541528853610088)).toBeLessThan(4);
  });

  it('are uncorrelated between neighbours (lane to lane) and four apart (a lane with itself)', () => {
    for (const lag of [1, 2, 3, 4]) {
      let sum = 0;
      for (let i = lag; i < values.length; i++) sum += values[i] * values[i - lag];
      expect(Math.abs(sum / values.length)).toBeLessThan(4 / Math.sqrt(values.length));
    }
  });

  it('are keyed by the stream’s seed words alone, whatever the stream drew before', () => {
    const first = new RandomStream(1, 2, 3, 4);
    const second = new RandomStream(1, 2, 3, 4);
    for (let i = 0; i < 10; i++) second.nextNormal();
    const a = new Float64Array(9);
    const b = new Float64Array(9);
    first.fillLaneNormals(a);
    second.fillLaneNormals(b);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 9 }, () => new RandomStream(1, 2, 3, 4).nextNormal()));
  });
});
