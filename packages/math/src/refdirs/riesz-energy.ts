/**
 * Reference directions for any count by minimizing the Riesz s-energy on the unit simplex
 * (Blank, Deb, Dhebar, Bandaru, Seada, "Generating well-spaced points on a unit simplex for
 * evolutionary many-objective optimization", IEEE TEVC 25(1), 2021; pymoo's "energy" method).
 *
 * Notation: X = (x_1, ..., x_N), x_i ∈ Δ^{M−1} = {w ≥ 0, Σ_k w_k = 1}; d_ij = ‖x_i − x_j‖.
 *
 *   E_s(X)   = Σ_{i<j} d_ij^{−s}                                  (Riesz s-energy)
 *   ∇_i ln E = −(s / E) Σ_{j≠i} d_ij^{−s−2} (x_i − x_j)
 *
 * Points that minimize E_s spread evenly (Hardin & Saff, "Discretizing manifolds via minimum
 * energy points", Notices AMS 51(10), 2004). The optimization follows the paper: gradient
 * steps on ln E projected onto the plane Σ_k δ_k = 0 (so points stay on the simplex's
 * hyperplane), scaled by the largest row norm, with Adam (Kingma & Ba, ICLR 2015; α = 0.005,
 * β₁ = 0.9, β₂ = 0.999); points that leave the simplex are put back by Euclidean projection
 * (Held, Wolfe, Crowder 1974; the sort-based form of Duchi et al., ICML 2008); the best
 * configuration seen is kept, and after `patience` steps without improvement the step size is
 * halved and the search restarts from it. s = 2M by default (pymoo's choice).
 *
 * Start: the M vertices, then farthest-point selection (Gonzalez 1985) from a seeded pool of
 * 10·N uniform points of the simplex (pymoo starts from k-means of a random sample instead).
 * ln E is computed with a log-sum-exp over pairs, so large s or close points cannot overflow.
 */
import type { Rng } from "../random/rng.js";
import { checkInteger, MAX_DIRECTIONS } from "./validate.js";

/** Options of {@link rieszEnergyDirections}. */
export interface RieszEnergyOptions {
  /**
   * The Riesz exponent s > 0; larger s weighs the closest pairs more.
   * @defaultValue 2M (pymoo's default)
   */
  readonly s?: number;
  /**
   * Most gradient steps.
   * @defaultValue 1000 (pymoo's `n_max_iter`)
   */
  readonly maxIterations?: number;
  /**
   * Adam's step size α at the start (halved at each restart).
   * @defaultValue 0.005 (pymoo)
   */
  readonly learningRate?: number;
  /**
   * Stop when the mean absolute coordinate change of a step falls below this.
   * @defaultValue 1e-5 (pymoo's `precision`)
   */
  readonly tolerance?: number;
  /**
   * Steps without a new best energy before the step size is halved and the search restarts
   * from the best configuration.
   * @defaultValue 30 (pymoo's `n_until_optimizer_reset`)
   */
  readonly patience?: number;
}

/** Smallest pair distance used, so that coincident points give a finite energy. */
const MIN_DISTANCE = 1e-12;

/**
 * The Riesz s-energy Σ_{i<j} ‖x_i − x_j‖^{−s} of a point set (coincident points count as
 * 1e-12 apart).
 * @param points - row-major N×M.
 * @param nObjectives - M ≥ 1.
 * @param s - the exponent, > 0.
 * @throws RangeError on a bad shape or s ≤ 0.
 * @example rieszEnergy(Float64Array.of(1, 0, 0, 1), 2, 2) // 0.5
 */
export function rieszEnergy(points: Float64Array, nObjectives: number, s: number): number {
  checkInteger("rieszEnergy", "nObjectives", nObjectives, 1);
  if (points.length % nObjectives !== 0) {
    throw new RangeError(
      `rieszEnergy: points length ${points.length} is not a multiple of nObjectives=${nObjectives}`,
    );
  }
  if (!(s > 0 && Number.isFinite(s)))
    throw new RangeError(`rieszEnergy: s must be positive and finite, got ${s}`);
  return Math.exp(logEnergy(points, points.length / nObjectives, nObjectives, s, null));
}

/**
 * ln E_s(X); when `grad` is given it receives ∇ ln E (N×M). Two passes: the pair terms
 * −s ln d_ij and their maximum, then exp(term − ln E) weights for the gradient.
 */
function logEnergy(x: Float64Array, n: number, m: number, s: number, grad: Float64Array | null): number {
  if (n < 2) {
    grad?.fill(0);
    return Number.NEGATIVE_INFINITY;
  }
  const nPairs = (n * (n - 1)) / 2;
  const terms = new Float64Array(nPairs);
  const inv2 = grad === null ? null : new Float64Array(nPairs);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0, p = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, p++) {
      let d2 = 0;
      for (let k = 0; k < m; k++) {
        const diff = x[i * m + k]! - x[j * m + k]!;
        d2 += diff * diff;
      }
      if (d2 < MIN_DISTANCE * MIN_DISTANCE) d2 = MIN_DISTANCE * MIN_DISTANCE;
      const t = -0.5 * s * Math.log(d2);
      terms[p] = t;
      if (inv2 !== null) inv2[p] = 1 / d2;
      if (t > max) max = t;
    }
  }
  let sum = 0;
  for (let p = 0; p < nPairs; p++) sum += Math.exp(terms[p]! - max);
  const logE = max + Math.log(sum);
  if (grad !== null && inv2 !== null) {
    grad.fill(0);
    for (let i = 0, p = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++, p++) {
        // −s · (d^{−s} / E) · d^{−2} · (x_i − x_j), and the opposite for x_j.
        const w = -s * Math.exp(terms[p]! - logE) * inv2[p]!;
        for (let k = 0; k < m; k++) {
          const g = w * (x[i * m + k]! - x[j * m + k]!);
          grad[i * m + k] = grad[i * m + k]! + g;
          grad[j * m + k] = grad[j * m + k]! - g;
        }
      }
    }
  }
  return logE;
}

/** Euclidean projection of row r of x onto the unit simplex, in place (Duchi et al. 2008). */
function projectRowOntoSimplex(x: Float64Array, r: number, m: number, scratch: Float64Array): void {
  const o = r * m;
  let inside = true;
  let total = 0;
  for (let k = 0; k < m; k++) {
    const v = x[o + k]!;
    if (v < 0) inside = false;
    total += v;
  }
  if (inside && Math.abs(total - 1) < 1e-12) return;
  for (let k = 0; k < m; k++) scratch[k] = x[o + k]!;
  scratch.sort(); // ascending; read from the end for the descending order
  let cumulative = 0;
  let theta = 0;
  for (let j = 1; j <= m; j++) {
    const u = scratch[m - j]!;
    cumulative += u;
    const t = (cumulative - 1) / j;
    if (u - t > 0) theta = t;
  }
  let sum = 0;
  for (let k = 0; k < m; k++) {
    const v = Math.max(x[o + k]! - theta, 0);
    x[o + k] = v;
    sum += v;
  }
  for (let k = 0; k < m; k++) x[o + k] = x[o + k]! / sum; // rounding: make the sum exactly ~1
}

/** The M vertices, then farthest-point selection from 10·N seeded uniform simplex points. */
function initialPoints(n: number, m: number, rng: Rng): Float64Array {
  const x = new Float64Array(n * m);
  const nVertices = Math.min(n, m);
  for (let i = 0; i < nVertices; i++) x[i * m + i] = 1;
  if (n === nVertices) return x;
  const pool = 10 * n;
  const cand = new Float64Array(pool * m);
  for (let c = 0; c < pool; c++) {
    let sum = 0;
    for (let k = 0; k < m; k++) sum += cand[c * m + k] = -Math.log(rng.randomOpen());
    for (let k = 0; k < m; k++) cand[c * m + k] = cand[c * m + k]! / sum;
  }
  const minD2 = new Float64Array(pool).fill(Number.POSITIVE_INFINITY);
  const update = (row: number): void => {
    for (let c = 0; c < pool; c++) {
      let d2 = 0;
      for (let k = 0; k < m; k++) {
        const diff = cand[c * m + k]! - x[row * m + k]!;
        d2 += diff * diff;
      }
      if (d2 < minD2[c]!) minD2[c] = d2;
    }
  };
  for (let i = 0; i < nVertices; i++) update(i);
  for (let i = nVertices; i < n; i++) {
    let best = 0;
    for (let c = 1; c < pool; c++) if (minD2[c]! > minD2[best]!) best = c;
    for (let k = 0; k < m; k++) x[i * m + k] = cand[best * m + k]!;
    minD2[best] = Number.NEGATIVE_INFINITY; // never chosen twice
    update(i);
  }
  return x;
}

/**
 * N reference directions on the unit simplex spread by minimizing the Riesz s-energy
 * (see the module header). Deterministic for a given generator state.
 * @param nObjectives - M ≥ 1.
 * @param nPoints - N ≥ 1 (any count, unlike Das–Dennis).
 * @param rng - the seeded generator for the starting pool.
 * @returns row-major Float64Array of N×M directions, each non-negative and summing to 1 (up
 * to rounding).
 * @throws RangeError when an argument or option is out of range.
 * @example
 * ```ts
 * const dirs = rieszEnergyDirections(3, 100, Rng.fromSeed(1)); // 100 × 3
 * ```
 */
export function rieszEnergyDirections(
  nObjectives: number,
  nPoints: number,
  rng: Rng,
  options: RieszEnergyOptions = {},
): Float64Array {
  checkInteger("rieszEnergyDirections", "nObjectives", nObjectives, 1);
  checkInteger("rieszEnergyDirections", "nPoints", nPoints, 1);
  if (nPoints > MAX_DIRECTIONS) {
    throw new RangeError(`rieszEnergyDirections: nPoints must be at most ${MAX_DIRECTIONS}, got ${nPoints}`);
  }
  const m = nObjectives;
  const n = nPoints;
  const s = options.s ?? 2 * m;
  const maxIterations = options.maxIterations ?? 1000;
  let lr = options.learningRate ?? 0.005;
  const tolerance = options.tolerance ?? 1e-5;
  const patience = options.patience ?? 30;
  if (!(s > 0 && Number.isFinite(s))) {
    throw new RangeError(`rieszEnergyDirections: s must be positive and finite, got ${s}`);
  }
  checkInteger("rieszEnergyDirections", "maxIterations", maxIterations, 0);
  if (!(lr > 0 && Number.isFinite(lr))) {
    throw new RangeError(`rieszEnergyDirections: learningRate must be positive and finite, got ${lr}`);
  }
  if (!(tolerance >= 0))
    throw new RangeError(`rieszEnergyDirections: tolerance must be >= 0, got ${tolerance}`);
  checkInteger("rieszEnergyDirections", "patience", patience, 1);

  let x: Float64Array = initialPoints(n, m, rng);
  if (m === 1 || n === 1) return x;
  const grad = new Float64Array(n * m);
  const mom = new Float64Array(n * m);
  const vel = new Float64Array(n * m);
  const scratch = new Float64Array(m);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let t = 0;
  let best: Float64Array = Float64Array.from(x);
  let bestE = Number.POSITIVE_INFINITY;
  let stale = 0;
  for (let it = 0; it < maxIterations; it++) {
    const e = logEnergy(x, n, m, s, grad);
    if (e < bestE) {
      bestE = e;
      best.set(x);
      stale = 0;
    } else if (++stale > patience) {
      lr /= 2;
      x = Float64Array.from(best);
      mom.fill(0);
      vel.fill(0);
      t = 0;
      stale = 0;
      continue;
    }
    // Project each row's gradient onto Σ_k δ_k = 0, then scale by the largest row norm.
    let maxNorm = 0;
    for (let i = 0; i < n; i++) {
      let mean = 0;
      for (let k = 0; k < m; k++) mean += grad[i * m + k]!;
      mean /= m;
      let norm = 0;
      for (let k = 0; k < m; k++) {
        const g = grad[i * m + k]! - mean;
        grad[i * m + k] = g;
        norm += g * g;
      }
      if (norm > maxNorm) maxNorm = norm;
    }
    const scale = 1 / Math.max(Math.sqrt(maxNorm), 1e-24);
    t++;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < m; k++) {
        const q = i * m + k;
        const g = grad[q]! * scale;
        mom[q] = beta1 * mom[q]! + (1 - beta1) * g;
        vel[q] = beta2 * vel[q]! + (1 - beta2) * g * g;
        x[q] = x[q]! - (lr * (mom[q]! / c1)) / (Math.sqrt(vel[q]! / c2) + 1e-8);
      }
      projectRowOntoSimplex(x, i, m, scratch);
    }
    if (stale === 0) {
      // best holds the configuration before this step: stop when the step barely moved.
      let moved = 0;
      for (let q = 0; q < n * m; q++) moved += Math.abs(x[q]! - best[q]!);
      if (moved / (n * m) < tolerance) break;
    }
  }
  if (logEnergy(x, n, m, s, null) < bestE) best = x;
  return best;
}
