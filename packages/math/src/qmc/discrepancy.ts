/**
 * Discrepancies of a point set in [0, 1]^d: how far its empirical distribution is from the
 * uniform one. Closed forms for the L2 variants (Hickernell 1998, "A generalized discrepancy
 * and quadrature error bound", Math. Comp. 67, eq. (5.1c) for the centered discrepancy;
 * Warnock 1972 for the L2-star discrepancy); values agree with SciPy 1.10.1's
 * `scipy.stats.qmc.discrepancy(x, method="CD" | "L2-star")` (the fixture test checks it).
 * Cost O(n² d).
 */

function check(name: string, points: ArrayLike<number>, dimension: number): number {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new RangeError(`${name}: dimension must be an integer >= 1, got ${dimension}`);
  }
  if (points.length === 0 || points.length % dimension !== 0) {
    throw new RangeError(
      `${name}: points must hold n >= 1 rows of ${dimension} coordinates (row-major), got length ${points.length}`,
    );
  }
  for (let i = 0; i < points.length; i++) {
    const x = points[i]!;
    if (!(x >= 0 && x <= 1))
      throw new RangeError(`${name}: every coordinate must be in [0, 1], got ${x} at ${i}`);
  }
  return points.length / dimension;
}

/**
 * The squared centered L2 discrepancy CD² of n points (row-major, n × d), as SciPy's "CD":
 *   CD² = (13/12)^d − (2/n) Σ_i Π_k (1 + ½|z_ik| − ½ z_ik²)
 *         + (1/n²) Σ_i Σ_l Π_k (1 + ½|z_ik| + ½|z_lk| − ½|x_ik − x_lk|),  z = x − ½.
 * @throws RangeError if the shape is wrong or a coordinate is outside [0, 1].
 */
export function centeredDiscrepancy(points: ArrayLike<number>, dimension: number): number {
  const n = check("centeredDiscrepancy", points, dimension);
  const d = dimension;
  let single = 0;
  for (let i = 0; i < n; i++) {
    let prod = 1;
    for (let k = 0; k < d; k++) {
      const z = Math.abs(points[i * d + k]! - 0.5);
      prod *= 1 + 0.5 * z - 0.5 * z * z;
    }
    single += prod;
  }
  let pair = 0;
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < n; l++) {
      let prod = 1;
      for (let k = 0; k < d; k++) {
        const a = points[i * d + k]!;
        const b = points[l * d + k]!;
        prod *= 1 + 0.5 * Math.abs(a - 0.5) + 0.5 * Math.abs(b - 0.5) - 0.5 * Math.abs(a - b);
      }
      pair += prod;
    }
  }
  return (13 / 12) ** d - (2 / n) * single + pair / (n * n);
}

/**
 * The L2-star discrepancy of n points (row-major, n × d), as SciPy's "L2-star" (the square
 * root of Warnock's formula):
 *   T² = 3^-d − (2^(1-d)/n) Σ_i Π_k (1 − x_ik²) + (1/n²) Σ_i Σ_l Π_k (1 − max(x_ik, x_lk)).
 * @throws RangeError if the shape is wrong or a coordinate is outside [0, 1].
 */
export function l2StarDiscrepancy(points: ArrayLike<number>, dimension: number): number {
  const n = check("l2StarDiscrepancy", points, dimension);
  const d = dimension;
  let single = 0;
  for (let i = 0; i < n; i++) {
    let prod = 1;
    for (let k = 0; k < d; k++) {
      const x = points[i * d + k]!;
      prod *= 1 - x * x;
    }
    single += prod;
  }
  let pair = 0;
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < n; l++) {
      let prod = 1;
      for (let k = 0; k < d; k++) prod *= 1 - Math.max(points[i * d + k]!, points[l * d + k]!);
      pair += prod;
    }
  }
  return Math.sqrt(Math.max(0, 3 ** -d - (2 ** (1 - d) / n) * single + pair / (n * n)));
}
