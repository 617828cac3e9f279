/**
 * The symmetric square root of a symmetric positive definite matrix and its inverse from its
 * eigendecomposition: with C = B·D²·Bᵀ (B orthonormal eigenvectors as columns, D the square
 * roots of the eigenvalues), C^{1/2} = B·D·Bᵀ and C^{-1/2} = B·D⁻¹·Bᵀ: the unique symmetric
 * positive definite square root of C and its inverse (Higham 2008, "Functions of Matrices",
 * ch. 6). Both are n×n, row-major.
 */

/**
 * Writes C^{1/2} = B·D·Bᵀ into `sqrt` and C^{-1/2} = B·D⁻¹·Bᵀ into `invSqrt` (both symmetric,
 * filled in one pass over the upper triangle).
 * @param b - eigenvectors of C as the columns of a row-major n×n matrix (as `symmetricEigen`
 *   returns them).
 * @param d - square roots of the eigenvalues, n positive entries in the order of b's columns.
 * @param n - the dimension.
 * @param sqrt - output, n×n row-major.
 * @param invSqrt - output, n×n row-major.
 * @example
 * ```ts
 * const sqrt = new Float64Array(4);
 * const inv = new Float64Array(4);
 * symmetricSquareRoots(Float64Array.of(1, 0, 0, 1), Float64Array.of(2, 4), 2, sqrt, inv);
 * // sqrt = [2, 0, 0, 4], inv = [0.5, 0, 0, 0.25]
 * ```
 */
export function symmetricSquareRoots(
  b: Float64Array,
  d: Float64Array,
  n: number,
  sqrt: Float64Array,
  invSqrt: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const bb = b[i * n + k]! * b[j * n + k]!;
        s += bb * d[k]!;
        si += bb / d[k]!;
      }
      sqrt[i * n + j] = s;
      sqrt[j * n + i] = s;
      invSqrt[i * n + j] = si;
      invSqrt[j * n + i] = si;
    }
  }
}
