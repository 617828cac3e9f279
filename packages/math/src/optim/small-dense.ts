/**
 * Dense Cholesky factorization and solves for the small (k×k, k ≤ memory) matrices of the
 * compact limited-memory representation, in place on row-major Float64Arrays with leading
 * dimension k.
 *
 * Hand-written rather than ml-matrix's `CholeskyDecomposition` for a measured reason: the
 * factorizations run once or twice per L-BFGS-B iteration and the solves once per Cauchy
 * breakpoint, on matrices of order ≤ m (10 by default), where ml-matrix's object allocation
 * dominates. `npm run ts -- benchmarks/optim/small-cholesky.ts 15` (factor + one solve of an
 * SPD matrix; project machine, 2 shared cores under load, Node 20; three runs): k = 5,
 * 0.6–0.8 µs in place against 2.1–2.8 µs; k = 10, 0.6–1.2 µs against 11–37 µs.
 */

/**
 * Overwrites the lower triangle of the k×k symmetric positive definite matrix `a` with its
 * Cholesky factor L (A = L·Lᵀ); the strict upper triangle is not read or written.
 * @returns false (leaving `a` partly overwritten) when a pivot is not positive and finite.
 */
export function choleskyInPlace(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    const rj = j * k;
    let d = a[rj + j]!;
    for (let p = 0; p < j; p++) {
      const v = a[rj + p]!;
      d -= v * v;
    }
    if (!(d > 0 && d < Number.POSITIVE_INFINITY)) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      const ri = i * k;
      let s = a[ri + j]!;
      for (let p = 0; p < j; p++) s -= a[ri + p]! * a[rj + p]!;
      a[ri + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves L·Lᵀ·z = b in place on `b[offset .. offset + k)`, with L from {@link choleskyInPlace}.
 */
export function choleskySolveInPlace(l: Float64Array, k: number, b: Float64Array, offset: number): void {
  // Forward: L·w = b.
  for (let i = 0; i < k; i++) {
    const ri = i * k;
    let s = b[offset + i]!;
    for (let p = 0; p < i; p++) s -= l[ri + p]! * b[offset + p]!;
    b[offset + i] = s / l[ri + i]!;
  }
  // Backward: Lᵀ·z = w.
  for (let i = k - 1; i >= 0; i--) {
    let s = b[offset + i]!;
    for (let p = i + 1; p < k; p++) s -= l[p * k + i]! * b[offset + p]!;
    b[offset + i] = s / l[i * k + i]!;
  }
}
