/**
 * Modified Gram-Schmidt on `Float64Array` vectors (Golub & Van Loan, "Matrix Computations",
 * 4th ed., §5.2.8): a vector's component along each orthonormal direction q is removed in
 * turn, v ← v − (vᵀq)·q, each projection taken from the vector as already reduced (which keeps
 * the result orthogonal to working precision where the classical form, projecting the original
 * vector, does not).
 */
import { dot } from "./products.js";

/**
 * Removes from `v`, in place, its components along the orthonormal vectors of `basis`, one
 * after the other (modified Gram-Schmidt). `v` is then orthogonal to every one of them.
 * @param v - the vector, reduced in place.
 * @param basis - orthonormal vectors, each as long as `v`.
 * @example
 * ```ts
 * const v = Float64Array.of(3, 4);
 * projectOut(v, [Float64Array.of(1, 0)]); // v = [0, 4]
 * ```
 */
export function projectOut(v: Float64Array, basis: readonly Float64Array[]): void {
  for (const q of basis) {
    const d = dot(v, q);
    for (let i = 0; i < v.length; i++) v[i] = v[i]! - d * q[i]!;
  }
}

/**
 * Orthonormal directions spanning `basis` (already orthonormal) and the given vectors, by
 * modified Gram-Schmidt. A vector that is zero, not finite, or numerically in the span of the
 * directions before it (what remains of it is at most 1e-8 of its length) is dropped.
 * @param vectors - the vectors to add, in order (not modified).
 * @param basis - orthonormal vectors to extend. @defaultValue []
 * @returns a new array: `basis` followed by the new directions.
 * @example orthonormalize([Float64Array.of(3, 4), Float64Array.of(6, 8)]) // [[0.6, 0.8]]
 */
export function orthonormalize(
  vectors: readonly Float64Array[],
  basis: readonly Float64Array[] = [],
): Float64Array[] {
  const out: Float64Array[] = basis.slice();
  for (const v of vectors) {
    const u = Float64Array.from(v);
    const norm0 = Math.sqrt(dot(u, u));
    if (!(norm0 > 0) || !Number.isFinite(norm0)) continue;
    projectOut(u, out);
    const norm = Math.sqrt(dot(u, u));
    if (!(norm > 1e-8 * norm0)) continue;
    for (let i = 0; i < u.length; i++) u[i] = u[i]! / norm;
    out.push(u);
  }
  return out;
}
