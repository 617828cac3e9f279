/**
 * Non-dominated sorting for minimization: the rank (front index, 0 for the Pareto front) of
 * every point. Point a dominates b when a ≤ b in every objective and a < b in at least one;
 * identical points do not dominate each other and share a rank.
 *
 * Algorithms (option `algorithm`); all give the same ranks:
 * - `"deb"`: Deb et al.'s fast non-dominated sort (NSGA-II, 2002), O(m·N²) always
 *   (sort-deb.ts);
 * - `"sweep2d"`: two objectives in O(N log N), Jensen (2003) (sort-sweep2d.ts);
 * - `"ens-ss"`, `"ens-bs"`: efficient non-dominated sort with sequential or binary search over
 *   fronts, Zhang et al. (2015) (sort-ens.ts);
 * - `"auto"` (default): dense ranks for one objective, the sweep for two, and for three or
 *   more ENS with a hybrid search (sequential over the first 16 fronts, binary beyond; see
 *   sort-ens.ts). Why, from `npm run ts -- benchmarks/micro/pareto-large.ts` (figures in the
 *   README): Deb's sort is 10–400× slower than every other choice from 200 points on and no
 *   faster below; the sweep is 4× faster than ENS for two objectives; ENS-SS beats ENS-BS by
 *   1.2–1.6× on uniform random points (few fronts) but loses by 6–12× when there are hundreds
 *   of fronts, and the hybrid stays within about 1.3× of the better of the two on both.
 *
 * Constrained domination (option `violations`, Deb, "An efficient constraint handling method
 * for genetic algorithms", CMAME 186, 2000): a point is feasible when its total violation is
 * ≤ 0. Feasible points come first, ranked by Pareto dominance among themselves; infeasible
 * points follow, ranked by total violation alone (smaller is better, equal violations share
 * a rank), whatever their objectives: a feasible point dominates every infeasible one, and of
 * two infeasible points the less violating dominates. This is what Optuna's NSGA-II does with
 * `constraints_func` and pymoo's `ConstraintViolation` survival.
 */
import { lexicographicOrder } from "./order.js";
import { debRanks } from "./sort-deb.js";
import { ensRanks } from "./sort-ens.js";
import { denseRanks1d, sweep2dRanks } from "./sort-sweep2d.js";
import { checkPoints } from "./validate.js";

/** Which non-dominated sorting algorithm to run; see {@link nonDominatedRanks}. */
export type NonDominatedSortAlgorithm = "auto" | "deb" | "ens-ss" | "ens-bs" | "sweep2d";

const ALGORITHMS: readonly NonDominatedSortAlgorithm[] = ["auto", "deb", "ens-ss", "ens-bs", "sweep2d"];

/** Options of {@link nonDominatedRanks}. */
export interface NonDominatedRanksOptions {
  /**
   * The sorting algorithm; every choice gives the same ranks. `"sweep2d"` needs exactly two
   * objectives.
   * @defaultValue "auto" (dense ranks for m = 1, `"sweep2d"` for m = 2, `"ens-bs"` for m ≥ 3)
   */
  readonly algorithm?: NonDominatedSortAlgorithm;
  /**
   * Per-point total constraint violation (e.g. Σ max(0, c_k) over the constraints c_k ≤ 0):
   * ≤ 0 is feasible. When given, ranks follow constrained domination (Deb 2000; see the module
   * header): feasible points by Pareto rank, then infeasible ones by violation.
   * @defaultValue undefined (every point feasible)
   */
  readonly violations?: ArrayLike<number>;
}

/**
 * The non-domination rank of each point (0 = non-dominated).
 * @param points - row-major N×m objective values (minimized); ±Infinity allowed, NaN not.
 * @param nObjectives - m ≥ 1.
 * @param options - `algorithm` and constraint `violations` (see {@link NonDominatedRanksOptions}).
 * @returns Int32Array of N ranks.
 * @throws RangeError if m is not a positive integer, the length is not a multiple of m, a
 * value is NaN, the algorithm is unknown (or `"sweep2d"` with m ≠ 2), or `violations` does not
 * hold N numbers.
 * @example
 * ```ts
 * nonDominatedRanks(Float64Array.of(1, 2, 2, 1, 2, 2), 2) // [0, 0, 1]
 * // The third point is infeasible: it ranks after every feasible point.
 * nonDominatedRanks(Float64Array.of(1, 2, 2, 1, 0, 0), 2, { violations: [0, 0, 0.5] }) // [0, 0, 1]
 * ```
 */
export function nonDominatedRanks(
  points: Float64Array,
  nObjectives: number,
  options: NonDominatedRanksOptions = {},
): Int32Array {
  const n = checkPoints("nonDominatedRanks", points, nObjectives, true);
  const m = nObjectives;
  const algorithm = options.algorithm ?? "auto";
  if (!ALGORITHMS.includes(algorithm)) {
    throw new RangeError(
      `nonDominatedRanks: algorithm must be one of ${ALGORITHMS.join(", ")}, got ${String(algorithm)}`,
    );
  }
  if (algorithm === "sweep2d" && m !== 2) {
    throw new RangeError(`nonDominatedRanks: algorithm "sweep2d" needs nObjectives = 2, got ${m}`);
  }
  const violations = options.violations;
  if (violations === undefined) return unconstrainedRanks(points, n, m, algorithm);
  if (violations.length !== n) {
    throw new RangeError(`nonDominatedRanks: violations must have N=${n} entries, got ${violations.length}`);
  }
  const feasible: number[] = [];
  const infeasible: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = violations[i];
    if (typeof v !== "number" || Number.isNaN(v)) {
      throw new RangeError(`nonDominatedRanks: violations[${i}] must be a number, got ${v}`);
    }
    (v <= 0 ? feasible : infeasible).push(i);
  }
  const ranks = new Int32Array(n);
  let nFronts = 0;
  if (feasible.length > 0) {
    const sub = new Float64Array(feasible.length * m);
    for (let r = 0; r < feasible.length; r++)
      sub.set(points.subarray(feasible[r]! * m, (feasible[r]! + 1) * m), r * m);
    const subRanks = unconstrainedRanks(sub, feasible.length, m, algorithm);
    for (let r = 0; r < feasible.length; r++) {
      const k = subRanks[r]!;
      ranks[feasible[r]!] = k;
      if (k + 1 > nFronts) nFronts = k + 1;
    }
  }
  infeasible.sort((a, b) => {
    const va = violations[a]!;
    const vb = violations[b]!;
    return va < vb ? -1 : va > vb ? 1 : a - b;
  });
  let k = nFronts - 1;
  for (let t = 0; t < infeasible.length; t++) {
    if (t === 0 || violations[infeasible[t]!]! > violations[infeasible[t - 1]!]!) k++;
    ranks[infeasible[t]!] = k;
  }
  return ranks;
}

function unconstrainedRanks(
  points: Float64Array,
  n: number,
  m: number,
  algorithm: NonDominatedSortAlgorithm,
): Int32Array {
  if (n === 0) return new Int32Array(0);
  if (algorithm === "deb") return debRanks(points, n, m);
  const order = lexicographicOrder(points, n, m);
  if (algorithm === "auto") {
    if (m === 1) return denseRanks1d(points, n, order);
    if (m === 2) return sweep2dRanks(points, n, order);
    return ensRanks(points, n, m, order, "hybrid");
  }
  if (algorithm === "sweep2d") return sweep2dRanks(points, n, order);
  return ensRanks(points, n, m, order, algorithm === "ens-ss" ? "sequential" : "binary");
}

/**
 * The fronts as lists of point indices, front 0 first, each in increasing index order.
 * @param ranks - non-domination ranks (from {@link nonDominatedRanks}).
 * @throws RangeError if a rank is negative or not an integer.
 * @example paretoFronts(Int32Array.of(0, 0, 1)) // [[0, 1], [2]]
 */
export function paretoFronts(ranks: ArrayLike<number>): Int32Array[] {
  let max = -1;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    if (!Number.isInteger(r) || r < 0)
      throw new RangeError(`paretoFronts: ranks[${i}] must be an integer >= 0, got ${r}`);
    if (r > max) max = r;
  }
  const sizes = new Int32Array(max + 1);
  for (let i = 0; i < ranks.length; i++) sizes[ranks[i]!]!++;
  const fronts = Array.from(sizes, (s) => new Int32Array(s));
  const fill = new Int32Array(max + 1);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i]!;
    fronts[r]![fill[r]!++] = i;
  }
  return fronts;
}

/**
 * Indices of the non-dominated points (rank 0), in increasing order.
 * @throws RangeError as {@link nonDominatedRanks}.
 * @example paretoFrontIndices(Float64Array.of(1, 2, 2, 1, 2, 2), 2) // [0, 1]
 */
export function paretoFrontIndices(points: Float64Array, nObjectives: number): Int32Array {
  const ranks = nonDominatedRanks(points, nObjectives);
  let count = 0;
  for (let i = 0; i < ranks.length; i++) if (ranks[i] === 0) count++;
  const out = new Int32Array(count);
  for (let i = 0, j = 0; i < ranks.length; i++) if (ranks[i] === 0) out[j++] = i;
  return out;
}

/**
 * True when a dominates b (minimization): a ≤ b in every objective and a < b in at least one.
 * @throws RangeError if the lengths differ or are 0.
 * @example dominates([1, 2], [1, 3]) // true
 */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(
      `dominates: points must have the same positive length, got ${a.length} and ${b.length}`,
    );
  }
  let strict = false;
  for (let j = 0; j < a.length; j++) {
    if (a[j]! > b[j]!) return false;
    if (a[j]! < b[j]!) strict = true;
  }
  return strict;
}
