/**
 * The spread of ACO_R's Gaussian kernels (Socha & Dorigo 2008, the standard deviation σ_l^i):
 * for the guiding solution s_l and coordinate i,
 *   σ_l^i = ξ · Σ_{e=1..k} |s_e^i − s_l^i| / (k − 1),
 * ξ times the mean distance from s_l to the other archive members along coordinate i. ξ > 0
 * plays the role of evaporation: the larger ξ, the slower the search converges.
 *
 * The archive is row-major: k rows of n coordinates, `archive[e·n + i]` = s_e^i.
 */

/**
 * σ_l^i of one guiding solution.
 * @param archive - row-major k×n archive (k ≥ 2).
 * @param n - number of coordinates.
 * @param l - row of the guiding solution (0-based).
 * @param i - coordinate (0-based).
 * @param xi - ξ (positive, finite).
 * @returns σ_l^i ≥ 0.
 * @throws RangeError on a bad n, an archive of fewer than 2 rows or not a multiple of n, l or
 *   i out of range, or ξ not positive and finite.
 * @example
 * ```ts
 * // Archive {0, 1, 3} in one dimension, guide 0, ξ = 0.85: 0.85 · (1 + 3) / 2 = 1.7
 * acoSigma(Float64Array.of(0, 1, 3), 1, 0, 0, 0.85);
 * ```
 */
export function acoSigma(archive: Float64Array, n: number, l: number, i: number, xi: number): number {
  if (!(Number.isSafeInteger(n) && n >= 1)) {
    throw new RangeError(`acoSigma: n must be a positive integer, got ${String(n)}`);
  }
  const k = archive.length / n;
  if (!(Number.isInteger(k) && k >= 2)) {
    throw new RangeError(`acoSigma: archive must hold k >= 2 rows of n = ${n}, got length ${archive.length}`);
  }
  if (!(Number.isSafeInteger(l) && l >= 0 && l < k)) {
    throw new RangeError(`acoSigma: l must be an integer in [0, ${k - 1}], got ${String(l)}`);
  }
  if (!(Number.isSafeInteger(i) && i >= 0 && i < n)) {
    throw new RangeError(`acoSigma: i must be an integer in [0, ${n - 1}], got ${String(i)}`);
  }
  if (!(typeof xi === "number" && xi > 0 && Number.isFinite(xi))) {
    throw new RangeError(`acoSigma: xi must be positive and finite, got ${String(xi)}`);
  }
  return sigmaUnchecked(archive, n, k, l, i, xi);
}

/** {@link acoSigma} without argument checks (k rows). */
export function sigmaUnchecked(
  archive: Float64Array,
  n: number,
  k: number,
  l: number,
  i: number,
  xi: number,
): number {
  const c = archive[l * n + i]!;
  let sum = 0;
  for (let e = 0; e < k; e++) sum += Math.abs(archive[e * n + i]! - c);
  return (xi * sum) / (k - 1);
}
