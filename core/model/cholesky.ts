/**
 * The lower-triangular Cholesky factor L of a symmetric positive-definite matrix A = L Lᵀ, both stored
 * row-major in arrays of size × size. The model's covariances always include a positive prior, so a
 * failure means a bug upstream. See Golub & Van Loan, Matrix Computations, §4.2.
 * @throws Error when A is not positive definite.
 * @example choleskyFactor(Float64Array.of(4, 2, 2, 5), 2) // Float64Array [2, 0, 1, 2]
 */
export function choleskyFactor(matrix: ArrayLike<number>, size: number): Float64Array {
  const factor = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      // Subtract what the columns already found contribute to this entry.
      let sum = matrix[row * size + column];
      for (let k = 0; k < column; k++) sum -= factor[row * size + k] * factor[column * size + k];
      if (row === column) {
        if (!(sum > 0)) throw new Error(`matrix is not positive definite (pivot ${row} is ${sum})`);
        factor[row * size + row] = Math.sqrt(sum);
      } else {
        factor[row * size + column] = sum / factor[column * size + column];
      }
    }
  }
  return factor;
}
