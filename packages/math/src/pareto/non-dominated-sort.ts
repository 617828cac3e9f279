/**
 * Non-dominated sorting for minimization: the rank (front index, 0 for the Pareto front) of
 * every point. Point a dominates b when a ≤ b in every objective and a < b in at least one;
 * identical points do not dominate each other and share a rank.
 *
 * Algorithms, all after a lexicographic sort (so every dominator of a point comes before it):
 * - one objective: ranks are the dense ranks of the values;
 * - two objectives, O(N log N): each front keeps its last point, which has the front's
 *   smallest second objective; a point joins the first front whose last point does not
 *   dominate it, found by binary search (dominance by the last point is monotone in the front
 *   index). This is the two-objective case of Jensen, "Reducing the run-time complexity of
 *   multiobjective EAs: the NSGA-II and other algorithms" (IEEE TEVC 7(5), 2003).
 * - three or more: ENS-BS, efficient non-dominated sort with binary search over fronts
 *   (Zhang, Tian, Cheng, Jin, "An efficient approach to nondominated sorting for evolutionary
 *   multiobjective optimization", IEEE TEVC 19(2), 2015): a point is compared with the
 *   members of a front, newest first, until one dominates it; O(m·N²) in the worst case,
 *   usually far less.
 */
import { lexicographicOrder } from "./order.js";
import { checkPoints, dominatesAt } from "./validate.js";

/**
 * The non-domination rank of each point (0 = non-dominated).
 * @param points - row-major N×m objective values (minimized); ±Infinity allowed, NaN not.
 * @param nObjectives - m ≥ 1.
 * @returns Int32Array of N ranks.
 * @throws RangeError if m is not a positive integer, the length is not a multiple of m, or a
 * value is NaN.
 * @example nonDominatedRanks(Float64Array.of(1, 2, 2, 1, 2, 2), 2) // [0, 0, 1]
 */
export function nonDominatedRanks(points: Float64Array, nObjectives: number): Int32Array {
  const n = checkPoints("nonDominatedRanks", points, nObjectives, true);
  const m = nObjectives;
  const ranks = new Int32Array(n);
  if (n === 0) return ranks;
  const order = lexicographicOrder(points, n, m);
  if (m === 1) {
    let rank = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && points[order[i]!]! > points[order[i - 1]!]!) rank++;
      ranks[order[i]!] = rank;
    }
    return ranks;
  }
  if (m === 2) {
    // lastX/lastY: the last point added to each front.
    const lastX = new Float64Array(n);
    const lastY = new Float64Array(n);
    let nFronts = 0;
    for (let t = 0; t < n; t++) {
      const i = order[t]!;
      const x = points[2 * i]!;
      const y = points[2 * i + 1]!;
      // First front whose last point does not dominate (x, y). Earlier points have
      // lastX ≤ x, so the last point dominates iff lastY < y, or lastY = y with lastX < x.
      let lo = 0;
      let hi = nFronts;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const ly = lastY[mid]!;
        if (ly < y || (ly === y && lastX[mid]! < x)) lo = mid + 1;
        else hi = mid;
      }
      if (lo === nFronts) nFronts++;
      lastX[lo] = x;
      lastY[lo] = y;
      ranks[i] = lo;
    }
    return ranks;
  }
  // ENS-BS.
  const fronts: number[][] = [];
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    let lo = 0;
    let hi = fronts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (frontDominates(points, fronts[mid]!, i, m)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === fronts.length) fronts.push([]);
    fronts[lo]!.push(i);
    ranks[i] = lo;
  }
  return ranks;
}

/** Whether some member of `front` dominates point i (members checked newest first). */
function frontDominates(points: Float64Array, front: number[], i: number, m: number): boolean {
  for (let j = front.length - 1; j >= 0; j--) if (dominatesAt(points, front[j]!, i, m)) return true;
  return false;
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
