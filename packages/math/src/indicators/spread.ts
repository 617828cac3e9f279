/**
 * Spread (diversity) of a set against a reference front.
 *
 * Two objectives, Deb's Δ (Deb, Pratap, Agarwal, Meyarivan, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002, eq. (1)): sort A by the
 * first objective (ties by the second); with d_i the Euclidean distances between consecutive
 * points, d̄ their mean, and d_f, d_l the distances from the first and last point of A to the
 * extremes of the reference front Z (the point of Z with the smallest first objective, and
 * the one with the smallest second),
 *
 *   Δ = (d_f + d_l + Σ_{i=1}^{N−1} |d_i − d̄|) / (d_f + d_l + (N − 1) d̄).
 *
 * Δ = 0 for equally spaced points that reach both extremes; about 1 for a clustered set.
 *
 * Any number of objectives, the generalized spread (Zhou, Jin, Zhang, Sendhoff, Tsang,
 * "Combining model-based and genetics-based offspring generation for multi-objective
 * optimization using a convergence criterion", CEC 2006), where consecutive distances become
 * nearest-neighbour distances d(x, A) and the extremes e_k of Z are, per objective k, the
 * points of Z with the largest f_k (for m = 2 the same two extremes as above):
 *
 *   Δ* = (Σ_k d(e_k, A) + Σ_{x∈A} |d(x, A) − d̄|) / (Σ_k d(e_k, A) + |A| d̄).
 *
 * Both return 0 when the denominator is 0 (every point of A identical and on the extremes).
 */
import { checkSet } from "./validate.js";

function dist(a: Float64Array, i: number, b: Float64Array, j: number, m: number): number {
  let s = 0;
  for (let k = 0; k < m; k++) {
    const d = a[i * m + k]! - b[j * m + k]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Index of the row minimizing objective k, ties broken by the other objective (m = 2). */
function extreme2d(z: Float64Array, n: number, k: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) {
    const a = z[2 * i + k]!;
    const b = z[2 * best + k]!;
    if (a < b || (a === b && z[2 * i + 1 - k]! < z[2 * best + 1 - k]!)) best = i;
  }
  return best;
}

/**
 * Deb's spread Δ of a two-objective set against a reference front (see the module header).
 * @param points - A, row-major N×2, finite, N ≥ 2.
 * @param nObjectives - must be 2 (use {@link generalizedSpread} otherwise).
 * @param referenceFront - Z, row-major |Z|×2, finite, |Z| ≥ 1.
 * @throws RangeError if m ≠ 2, A has fewer than 2 points, Z is empty, a shape does not
 * match, or a value is not finite.
 * @example spread(Float64Array.of(0, 2, 1, 1, 2, 0), 2, Float64Array.of(0, 2, 2, 0)) // 0
 */
export function spread(points: Float64Array, nObjectives: number, referenceFront: Float64Array): number {
  if (nObjectives !== 2) {
    throw new RangeError(`spread: nObjectives must be 2 (generalizedSpread takes any m), got ${nObjectives}`);
  }
  const n = checkSet("spread", "points", points, 2, 2);
  const nz = checkSet("spread", "referenceFront", referenceFront, 2);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]! || a - b,
  );
  const df = dist(points, order[0]!, referenceFront, extreme2d(referenceFront, nz, 0), 2);
  const dl = dist(points, order[n - 1]!, referenceFront, extreme2d(referenceFront, nz, 1), 2);
  const gaps = new Float64Array(n - 1);
  let mean = 0;
  for (let t = 0; t < n - 1; t++) {
    gaps[t] = dist(points, order[t]!, points, order[t + 1]!, 2);
    mean += gaps[t]!;
  }
  mean /= n - 1;
  let dev = 0;
  for (let t = 0; t < n - 1; t++) dev += Math.abs(gaps[t]! - mean);
  const den = df + dl + (n - 1) * mean;
  return den === 0 ? 0 : (df + dl + dev) / den;
}

/**
 * The generalized spread Δ* (Zhou et al. 2006) of a set against a reference front, any
 * number of objectives (see the module header).
 * @param points - A, row-major N×m, finite, N ≥ 2.
 * @param nObjectives - m ≥ 1.
 * @param referenceFront - Z, row-major |Z|×m, finite, |Z| ≥ 1.
 * @throws RangeError if A has fewer than 2 points, Z is empty, a shape does not match, or a
 * value is not finite.
 * @example generalizedSpread(Float64Array.of(0, 1, 1, 0), 2, Float64Array.of(0, 1, 1, 0)) // 0
 */
export function generalizedSpread(
  points: Float64Array,
  nObjectives: number,
  referenceFront: Float64Array,
): number {
  const m = nObjectives;
  const n = checkSet("generalizedSpread", "points", points, m, 2);
  const nz = checkSet("generalizedSpread", "referenceFront", referenceFront, m);
  let ext = 0;
  for (let k = 0; k < m; k++) {
    let e = 0;
    for (let i = 1; i < nz; i++) if (referenceFront[i * m + k]! > referenceFront[e * m + k]!) e = i;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) best = Math.min(best, dist(referenceFront, e, points, i, m));
    ext += best;
  }
  const nn = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) if (j !== i) best = Math.min(best, dist(points, i, points, j, m));
    nn[i] = best;
    mean += best;
  }
  mean /= n;
  let dev = 0;
  for (let i = 0; i < n; i++) dev += Math.abs(nn[i]! - mean);
  const den = ext + n * mean;
  return den === 0 ? 0 : (ext + dev) / den;
}
