import { describe, expect, it } from 'vitest';
import { choleskyFactor } from '../../../core/model/cholesky.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

/** L·Lᵀ for a row-major size × size matrix L. */
function timesTranspose(factor: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      for (let k = 0; k < size; k++) product[row * size + column] += factor[row * size + k] * factor[column * size + k];
    }
  }
  return product;
}

/** A random symmetric positive-definite matrix B·Bᵀ + I, with B's entries standard normal. */
function randomPositiveDefinite(size: number, block: number): Float64Array {
  const stream = streamForBlock('cholesky', 'test', block);
  const base = Float64Array.from({ length: size * size }, () => stream.nextNormal());
  const matrix = timesTranspose(base, size);
  for (let i = 0; i < size; i++) matrix[i * size + i] += 1;
  return matrix;
}

describe('choleskyFactor', () => {
  it('factors the 2 × 2 example of its JSDoc', () => {
    expect(Array.from(choleskyFactor(Float64Array.of(4, 2, 2, 5), 2))).toEqual([2, 0, 1, 2]);
  });

  it('factors a known 3 × 3 matrix exactly', () => {
    // The worked example of the Cholesky decomposition article on Wikipedia.
    const matrix = [4, 12, -16, 12, 37, -43, -16, -43, 98];
    expect(Array.from(choleskyFactor(matrix, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('gives a lower-triangular L with a positive diagonal and L·Lᵀ = A within 1e-12', () => {
    for (const [size, block] of [[1, 0], [3, 1], [5, 2], [8, 3]]) {
      const matrix = randomPositiveDefinite(size, block);
      const factor = choleskyFactor(matrix, size);
      for (let row = 0; row < size; row++) {
        expect(factor[row * size + row]).toBeGreaterThan(0);
        for (let column = row + 1; column < size; column++) expect(factor[row * size + column]).toBe(0);
      }
      const product = timesTranspose(factor, size);
      const scale = Math.max(...matrix.map(Math.abs));
      product.forEach((value, index) => expect(Math.abs(value - matrix[index])).toBeLessThan(1e-12 * scale));
    }
  });

  it('throws on a matrix that is not positive definite', () => {
    expect(() => choleskyFactor([1, 2, 2, 1], 2)).toThrow(/not positive definite/); // eigenvalues 3 and -1
    expect(() => choleskyFactor([1, 1, 1, 1], 2)).toThrow(/not positive definite \(pivot 1/); // singular
    expect(() => choleskyFactor([0, 0, 0, 0], 2)).toThrow(/not positive definite \(pivot 0/);
    expect(() => choleskyFactor([-1], 1)).toThrow(/not positive definite/);
    expect(() => choleskyFactor([Number.NaN], 1)).toThrow(/not positive definite/);
  });

  it('does not change its input', () => {
    const matrix = Object.freeze([4, 2, 2, 5]);
    choleskyFactor(matrix, 2);
    expect(matrix).toEqual([4, 2, 2, 5]);
  });
});
