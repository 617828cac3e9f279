/**
 * Products on row-major `Float64Array`s: the dot product xᵀy of two n-vectors and the
 * matrix-vector product y = A·x of a square n×n matrix A (A_ij at a[i·n + j]), each sum taken
 * left to right over j (so every caller gets the same doubles as the loops they replace).
 */

/**
 * xᵀy = Σ_i x_i y_i over the length of `x`.
 * @param x - first vector.
 * @param y - second vector, at least as long as `x`.
 * @example dot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)) // 32
 */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/**
 * y = A·x for a square n×n matrix A, row-major: y_i = Σ_j A_ij x_j.
 * @param a - the matrix, n·n entries, row-major.
 * @param x - the vector, n entries.
 * @param n - the dimension.
 * @param out - where y is written (n entries; must not be `x`). @defaultValue a new array
 * @returns `out`.
 * @example matVec(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1), 2) // [3, 7]
 */
export function matVec(
  a: Float64Array,
  x: Float64Array,
  n: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += a[row + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}
