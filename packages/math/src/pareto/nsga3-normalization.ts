/**
 * NSGA-III's normalization of the objectives (Deb & Jain, "An evolutionary many-objective
 * optimization algorithm using reference-point-based nondominated sorting approach, part I",
 * IEEE TEVC 18(4), 2014, §IV-C, Algorithm 2), with the refinements of Blank, Deb, Roy,
 * "Investigating the normalization procedure of NSGA-III", EMO 2019 (§3–4), which pymoo's
 * NSGA-III follows.
 *
 * Notation: S the population (N×M, minimized), F₁ ⊆ S its first non-domination front;
 * z* ∈ ℝ^M the ideal point, z^w the worst point, e_1..e_M the extreme points, a the
 * intercepts, z^nad the nadir estimate.
 *
 * 1. z* = min over S and over the previous generations' z* (kept in the memory).
 *    z^w = max over S and over the previous z^w.
 * 2. Extreme point for axis k: the point x of F₁ ∪ {previous extremes} minimizing the
 *    achievement scalarizing function ASF(x; k) = max_j (f_j(x) − z*_j) / w_j with w_k = 1
 *    and w_j = 10⁻⁶ otherwise (Deb & Jain, eq. (4)); translated values below 10⁻³ count as 0
 *    (Blank et al.), so that points lying on an axis are recognised as extremes.
 * 3. Hyperplane: solve (E − z*)·b = 1 for b, E the extreme points as rows; the intercepts
 *    are a = 1/b and z^nad = z* + a. The hyperplane is refused when the system is singular
 *    (two extremes coincide, or they lie in a lower-dimensional set), when the solve is
 *    inaccurate, or when an intercept is not finite or ≤ 10⁻⁶ (a negative intercept means
 *    the extremes form a plane tilted the wrong way); then z^nad is the worst point of F₁
 *    (Blank et al.'s fallback). Intercepts beyond the worst point ever seen are cut to z^w.
 * 4. Where z^nad_k − z*_k ≤ 10⁻⁶ still (a front flat in objective k), z^nad_k is the worst
 *    of the population in k; where even that is within 10⁻⁶ of z*_k (every point equal in
 *    k), the range is taken as 1 so that normalized values stay finite (never NaN).
 *
 * Normalized objectives are f̃_k = (f_k − z*_k) / (z^nad_k − z*_k).
 */
import { checkPoints } from "./validate.js";

/**
 * What NSGA-III carries from one generation to the next: the ideal and worst points seen so
 * far and the last extreme points. Plain arrays, so it can be stored as JSON.
 */
export interface Nsga3Memory {
  /** z*: the smallest value of each objective seen so far (M). */
  readonly ideal: readonly number[];
  /** z^w: the largest value of each objective seen so far (M). */
  readonly worst: readonly number[];
  /** The extreme points of the last normalization, row-major M×M. */
  readonly extremes: readonly number[];
}

/** The result of {@link nsga3Normalization}. */
export interface Nsga3Normalization {
  /** z* (M). */
  readonly ideal: Float64Array;
  /** z^nad (M), with z^nad_k − z*_k > 10⁻⁶ or taken as z*_k + 1. */
  readonly nadir: Float64Array;
  /** The extreme points, row-major M×M. */
  readonly extremes: Float64Array;
  /** Whether the hyperplane's intercepts were used (false: the fallback of step 3). */
  readonly hyperplane: boolean;
  /** The memory to pass to the next generation. */
  readonly memory: Nsga3Memory;
}

const ASF_WEIGHT = 1e-6;
const TRANSLATED_ZERO = 1e-3;
const MIN_INTERCEPT = 1e-6;

/**
 * Solves A·x = b (M×M, row-major) by Gaussian elimination with partial pivoting; null when a
 * pivot is below 10⁻¹² of the largest entry (singular for our purpose). A and b are copied.
 * Hand-written: M is the number of objectives (2 to ~15), where a library's set-up costs
 * more than the solve.
 */
function solve(a: Float64Array, b: Float64Array, m: number): Float64Array | null {
  const A = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (const v of A) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(A[r * m + c]!) > Math.abs(A[p * m + c]!)) p = r;
    if (Math.abs(A[p * m + c]!) <= 1e-12 * scale) return null;
    if (p !== c) {
      for (let k = 0; k < m; k++) {
        const t = A[c * m + k]!;
        A[c * m + k] = A[p * m + k]!;
        A[p * m + k] = t;
      }
      const t = x[c]!;
      x[c] = x[p]!;
      x[p] = t;
    }
    for (let r = c + 1; r < m; r++) {
      const f = A[r * m + c]! / A[c * m + c]!;
      if (f === 0) continue;
      for (let k = c; k < m; k++) A[r * m + k] = A[r * m + k]! - f * A[c * m + k]!;
      x[r] = x[r]! - f * x[c]!;
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < m; k++) s -= A[c * m + k]! * x[k]!;
    x[c] = s / A[c * m + c]!;
  }
  return x;
}

/** Checks a memory against M; returns it or throws. */
function checkMemory(where: string, memory: Nsga3Memory, m: number): void {
  const ok = (xs: readonly number[], len: number): boolean =>
    Array.isArray(xs as unknown) &&
    xs.length === len &&
    xs.every((v) => typeof v === "number" && Number.isFinite(v));
  if (
    !ok(memory.ideal, m) ||
    !ok(memory.worst, m) ||
    !(memory.extremes.length === 0 || ok(memory.extremes, m * m))
  ) {
    throw new RangeError(
      `${where}: memory must hold ideal and worst of ${m} finite numbers and extremes of 0 or ${m * m}, got ${memory.ideal?.length}, ${memory.worst?.length}, ${memory.extremes?.length}`,
    );
  }
}

/**
 * NSGA-III's normalization (see the module header).
 * @param points - row-major N×M objective values (minimized), finite; N ≥ 1.
 * @param nObjectives - M ≥ 1.
 * @param front - indices of the first non-domination front of `points` (non-empty).
 * @param memory - what the previous generation returned; omitted in the first generation.
 * @returns ideal, nadir, extremes, whether the hyperplane was used, and the new memory.
 * @throws RangeError on bad shapes, non-finite values, an empty or out-of-range front, or a
 * memory of the wrong size.
 * @example
 * ```ts
 * // The linear front f₁ + f₂ = 1: intercepts 1, nadir (1, 1).
 * nsga3Normalization(Float64Array.of(0, 1, 0.5, 0.5, 1, 0), 2, [0, 1, 2]).nadir // [1, 1]
 * ```
 */
export function nsga3Normalization(
  points: Float64Array,
  nObjectives: number,
  front: ArrayLike<number>,
  memory?: Nsga3Memory,
): Nsga3Normalization {
  const where = "nsga3Normalization";
  const m = nObjectives;
  const n = checkPoints(where, points, m, false);
  if (n === 0) throw new RangeError(`${where}: points must hold at least 1 point`);
  if (front.length === 0) throw new RangeError(`${where}: front must hold at least 1 index`);
  for (let t = 0; t < front.length; t++) {
    const i = front[t]!;
    if (!Number.isSafeInteger(i) || i < 0 || i >= n) {
      throw new RangeError(`${where}: front[${t}] must be an index in 0..${n - 1}, got ${i}`);
    }
  }
  if (memory !== undefined) checkMemory(where, memory, m);

  // Step 1: ideal and worst, over the population and the memory.
  const ideal = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  const worst = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  const worstOfPopulation = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      const v = points[i * m + k]!;
      if (v < ideal[k]!) ideal[k] = v;
      if (v > worstOfPopulation[k]!) worstOfPopulation[k] = v;
    }
  }
  worst.set(worstOfPopulation);
  if (memory !== undefined) {
    for (let k = 0; k < m; k++) {
      ideal[k] = Math.min(ideal[k]!, memory.ideal[k]!);
      worst[k] = Math.max(worst[k]!, memory.worst[k]!);
    }
  }

  // Step 2: extreme points among the front and the previous extremes.
  const nPrev = memory !== undefined && memory.extremes.length > 0 ? m : 0;
  const candidate = (c: number, k: number): number =>
    c < front.length ? points[front[c]! * m + k]! : memory!.extremes[(c - front.length) * m + k]!;
  const nCand = front.length + nPrev;
  const extremes = new Float64Array(m * m);
  for (let axis = 0; axis < m; axis++) {
    let best = -1;
    let bestAsf = Number.POSITIVE_INFINITY;
    for (let c = 0; c < nCand; c++) {
      let asf = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < m; k++) {
        let t = candidate(c, k) - ideal[k]!;
        if (t < TRANSLATED_ZERO) t = 0;
        const v = k === axis ? t : t / ASF_WEIGHT;
        if (v > asf) asf = v;
      }
      if (asf < bestAsf) {
        bestAsf = asf;
        best = c;
      }
    }
    for (let k = 0; k < m; k++) extremes[axis * m + k] = candidate(best, k);
  }

  // Step 3: intercepts of the hyperplane through the extremes, or the fallback.
  const worstOfFront = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  for (let t = 0; t < front.length; t++) {
    for (let k = 0; k < m; k++) worstOfFront[k] = Math.max(worstOfFront[k]!, points[front[t]! * m + k]!);
  }
  const nadir = new Float64Array(m);
  const shifted = new Float64Array(m * m);
  for (let r = 0; r < m; r++)
    for (let k = 0; k < m; k++) shifted[r * m + k] = extremes[r * m + k]! - ideal[k]!;
  const ones = new Float64Array(m).fill(1);
  const b = solve(shifted, ones, m);
  let hyperplane = b !== null;
  if (b !== null) {
    // Accept only an accurate solve with finite intercepts above 1e-6.
    for (let r = 0; r < m && hyperplane; r++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += shifted[r * m + k]! * b[k]!;
      if (!(Math.abs(s - 1) <= 1e-8 + 1e-5)) hyperplane = false;
    }
    for (let k = 0; k < m && hyperplane; k++) {
      const intercept = 1 / b[k]!;
      if (!Number.isFinite(intercept) || intercept <= MIN_INTERCEPT) hyperplane = false;
      else nadir[k] = Math.min(ideal[k]! + intercept, worst[k]!);
    }
  }
  if (!hyperplane) nadir.set(worstOfFront);

  // Step 4: degenerate ranges.
  for (let k = 0; k < m; k++) {
    if (nadir[k]! - ideal[k]! <= MIN_INTERCEPT) nadir[k] = worstOfPopulation[k]!;
    if (nadir[k]! - ideal[k]! <= MIN_INTERCEPT) nadir[k] = ideal[k]! + 1;
  }

  return {
    ideal,
    nadir,
    extremes,
    hyperplane,
    memory: { ideal: Array.from(ideal), worst: Array.from(worst), extremes: Array.from(extremes) },
  };
}
