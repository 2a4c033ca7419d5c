import { describe, expect, it } from 'vitest';
import { drawTailScale } from '../../../core/model/tail-scale.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

describe('drawTailScale', () => {
  it('is sqrt((ν − 2) / χ²) of the next ν normals of the stream, and uses no more of it', () => {
    const degrees = 5;
    const stream = streamForBlock('tail', 'test', 0);
    const twin = streamForBlock('tail', 'test', 0);
    const scale = drawTailScale(stream, degrees);
    let chiSquare = 0;
    for (let i = 0; i < degrees; i++) chiSquare += twin.nextNormal() ** 2;
    expect(scale).toBe(Math.sqrt((degrees - 2) / chiSquare));
    expect(stream.nextInt32()).toBe(twin.nextInt32());
  });

  it('gives (ν − 2) / s² with the chi-square moments: mean ν, variance 2ν (100,000 draws)', () => {
    for (const degrees of [3, 10]) {
      const stream = streamForBlock('tail-moments', String(degrees), 0);
      const draws = 100_000;
      const values = Array.from({ length: draws }, () => (degrees - 2) / drawTailScale(stream, degrees) ** 2);
      const mean = values.reduce((a, b) => a + b, 0) / draws;
      const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (draws - 1);
      // Four standard errors: the mean's is sqrt(2ν / n); the variance's sqrt((8ν² + 48ν) / n) for a chi-square.
      expect(Math.abs(mean - degrees)).toBeLessThan(4 * Math.sqrt((2 * degrees) / draws));
      expect(Math.abs(variance - 2 * degrees)).toBeLessThan(4 * Math.sqrt((8 * degrees ** 2 + 48 * degrees) / draws));
    }
  });

  it('keeps the variance of the errors it scales: E[s²] = 1 (ν = 10, 100,000 draws)', () => {
    const stream = streamForBlock('tail-variance', 'test', 0);
    const draws = 100_000;
    let sum = 0;
    for (let draw = 0; draw < draws; draw++) sum += drawTailScale(stream, 10) ** 2;
    // Var(s²) = 2 / (ν − 4) = 1/3 for ν = 10: four standard errors of the mean are 0.0073.
    expect(Math.abs(sum / draws - 1)).toBeLessThan(4 * Math.sqrt(1 / 3 / draws));
  });
});
