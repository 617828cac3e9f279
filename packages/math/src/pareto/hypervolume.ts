/**
 * Exact hypervolume (minimization): the Lebesgue measure of the region dominated by a point
 * set and bounded by a reference point r, HV(S) = λ(∪_{p∈S} [p, r]).
 *
 * Algorithms:
 * - 1-D: r - min p.
 * - 2-D: sweep in increasing first objective, adding one horizontal strip per point that
 *   lowers the staircase; O(N log N).
 * - 3-D: dimension sweep in increasing third objective over a sorted 2-D staircase whose area
 *   is updated incrementally at each insertion (Fonseca, Paquete, López-Ibáñez, "An improved
 *   dimension-sweep algorithm for the hypervolume indicator", CEC 2006; there with a balanced
 *   tree, here with a sorted typed array: O(N log N) search plus O(N) moves per insertion).
 * - d ≥ 4: WFG (While, Bradstreet, Barone, "A fast way of calculating exact hypervolumes",
 *   IEEE TEVC 16(1), 2012): HV(S) = Σ_i exclhv(p_i, {p_{i+1}, ...}) with
 *   exclhv(p, T) = vol([p, r]) - HV(nds(limit(T, p))), limit(q, p) = max(q, p) componentwise.
 *   Points are processed in decreasing order of the last objective, so every limited point
 *   has p's last coordinate and both terms factor out (r_d - p_d): the recursion runs on
 *   (d-1)-dimensional sets (the slicing observation of HSO, While et al. 2006), down to the
 *   3-D sweep.
 *
 * Points that do not strictly dominate the reference (some coordinate ≥ r_j) add nothing and
 * are dropped first. The 2-D and 3-D sweeps skip dominated points and duplicates as they meet
 * them; for d ≥ 4 they are filtered out before WFG.
 */
import { columnOrder, lexicographicOrder } from "./order.js";
import { checkPoints, checkReference } from "./validate.js";

/**
 * The hypervolume dominated by the points and bounded by the reference point.
 * @param points - row-major N×m objective values (minimized); +Infinity allowed (such points
 *   add nothing), NaN and -Infinity not.
 * @param nObjectives - m ≥ 1.
 * @param reference - m finite values.
 * @returns the hypervolume, 0 for no points or when none dominates the reference.
 * @throws RangeError on bad shapes, NaN or -Infinity values, or a non-finite reference.
 * @example hypervolume(Float64Array.of(1, 2, 2, 1), 2, [3, 3]) // 3
 */
export function hypervolume(points: Float64Array, nObjectives: number, reference: ArrayLike<number>): number {
  checkPoints("hypervolume", points, nObjectives, true);
  const ref = checkReference("hypervolume", points, nObjectives, reference);
  return hypervolumeOfSet(strictlyInside(points, nObjectives, ref), nObjectives, ref);
}

/**
 * The points that strictly dominate the reference: `points` itself when all do, else a new
 * row-major array. Counted first without storing indices (a growing index array made this
 * a quarter of the 2-D hypervolume of 100,000 points).
 */
export function strictlyInside(points: Float64Array, m: number, ref: Float64Array): Float64Array {
  const n = points.length / m;
  const inside = (i: number): boolean => {
    for (let j = 0; j < m; j++) if (!(points[i * m + j]! < ref[j]!)) return false;
    return true;
  };
  let count = 0;
  for (let i = 0; i < n; i++) if (inside(i)) count++;
  if (count === n) return points;
  const sub = new Float64Array(count * m);
  for (let i = 0, r = 0; i < n; i++) {
    if (inside(i)) sub.set(points.subarray(i * m, (i + 1) * m), m * r++);
  }
  return sub;
}

/**
 * Removes dominated points and duplicates (keeping one copy). O(N log N) for m ≤ 2; for
 * m ≥ 3 a lexicographic sort then a scan against the kept points.
 */
export function nondominatedFilter(points: Float64Array, m: number): Float64Array {
  const n = points.length / m;
  if (n <= 1) return points.slice();
  const order = lexicographicOrder(points, n, m);
  const kept: number[] = [];
  if (m === 1) {
    kept.push(order[0]!);
  } else if (m === 2) {
    let bestY = Number.POSITIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      const i = order[t]!;
      const y = points[2 * i + 1]!;
      // Earlier points have x ≤ this x: this point survives only with a strictly smaller y.
      if (y < bestY) {
        kept.push(i);
        bestY = y;
      }
    }
  } else {
    for (let t = 0; t < n; t++) {
      const i = order[t]!;
      let dominated = false;
      // Kept points come earlier in lexicographic order: only they can weakly dominate i.
      for (let s = kept.length - 1; s >= 0 && !dominated; s--) {
        const q = kept[s]!;
        let weak = true;
        for (let j = 0; j < m; j++) {
          if (points[q * m + j]! > points[i * m + j]!) {
            weak = false;
            break;
          }
        }
        dominated = weak;
      }
      if (!dominated) kept.push(i);
    }
  }
  const out = new Float64Array(kept.length * m);
  for (let i = 0; i < kept.length; i++) out.set(points.subarray(kept[i]! * m, (kept[i]! + 1) * m), i * m);
  return out;
}

/**
 * HV of any points that all strictly dominate ref (dominated points and duplicates allowed):
 * filtered first for m ≥ 4, where WFG's cost grows with the set.
 */
export function hypervolumeOfSet(points: Float64Array, m: number, ref: Float64Array): number {
  return hypervolumeOfFront(m >= 4 ? nondominatedFilter(points, m) : points, m, ref);
}

/**
 * HV of points that all strictly dominate ref: any such points for m ≤ 3; mutually
 * non-dominated ones for m ≥ 4 (WFG's sets).
 */
export function hypervolumeOfFront(front: Float64Array, m: number, ref: Float64Array): number {
  const n = front.length / m;
  if (n === 0) return 0;
  if (m === 1) {
    let min = front[0]!;
    for (let i = 1; i < n; i++) if (front[i]! < min) min = front[i]!;
    return ref[0]! - min;
  }
  if (n === 1) {
    let v = 1;
    for (let j = 0; j < m; j++) v *= ref[j]! - front[j]!;
    return v;
  }
  if (m === 2) return sweep2d(front, n, ref[0]!, ref[1]!);
  if (m === 3) return sweep3d(front, n, ref, columnOrder(front, n, 3, 2));
  return wfg(front, n, m, ref);
}

/**
 * 2-D sweep in increasing first objective. Dominated points never lower the staircase, and
 * points with equal first objectives add the same total strip in either order.
 */
function sweep2d(front: Float64Array, n: number, r0: number, r1: number): number {
  const order = columnOrder(front, n, 2, 0);
  let area = 0;
  let level = r1;
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    const y = front[2 * i + 1]!;
    if (y < level) {
      area += (r0 - front[2 * i]!) * (level - y);
      level = y;
    }
  }
  return area;
}

/**
 * 3-D dimension sweep: points in increasing third objective (`order`); the 2-D staircase of
 * the points seen so far (xs ascending, ys descending) and its area are kept up to date; the
 * volume is Σ area_i·(z_{i+1} - z_i) with z_{n+1} = r_2. Points whose projection the
 * staircase already covers (dominated points, duplicates) change nothing.
 */
export function sweep3d(front: Float64Array, n: number, ref: Float64Array, order: Int32Array): number {
  const r0 = ref[0]!;
  const r1 = ref[1]!;
  const r2 = ref[2]!;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let size = 0;
  let area = 0;
  let volume = 0;
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    const x = front[3 * i]!;
    const y = front[3 * i + 1]!;
    const z = front[3 * i + 2]!;
    // First staircase point with xs ≥ x.
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    const a = lo;
    const prevY = a > 0 ? ys[a - 1]! : r1;
    // Dominated in 2-D by the staircase (a point to the left that is as low, or one at the
    // same x that is as low).
    const covered = prevY <= y || (a < size && xs[a] === x && ys[a]! <= y);
    if (!covered) {
      // Staircase points dominated by (x, y): a contiguous run from a.
      let b = a;
      while (b < size && ys[b]! >= y) b++;
      let gained = ((a < size ? xs[a]! : r0) - x) * (prevY - y);
      for (let s = a; s < b; s++) gained += ((s + 1 < size ? xs[s + 1]! : r0) - xs[s]!) * (ys[s]! - y);
      area += gained;
      // Replace the run [a, b) by the new point.
      const removed = b - a;
      if (removed === 0) {
        xs.copyWithin(a + 1, a, size);
        ys.copyWithin(a + 1, a, size);
        size++;
      } else if (removed > 1) {
        xs.copyWithin(a + 1, b, size);
        ys.copyWithin(a + 1, b, size);
        size -= removed - 1;
      }
      xs[a] = x;
      ys[a] = y;
    }
    const nextZ = t + 1 < n ? front[3 * order[t + 1]! + 2]! : r2;
    volume += area * (nextZ - z);
  }
  return volume;
}

/** WFG with last-objective slicing, for m ≥ 4 (see the file header). */
function wfg(front: Float64Array, n: number, m: number, ref: Float64Array): number {
  const d = m - 1;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Decreasing last objective: every later point q has q_d ≤ p_d.
  order.sort((a, b) => front[b * m + d]! - front[a * m + d]! || a - b);
  const subRef = ref.subarray(0, d);
  const limited = new Float64Array(n * d);
  let total = 0;
  for (let t = 0; t < n; t++) {
    const p = order[t]! * m;
    let box = 1;
    for (let j = 0; j < d; j++) box *= ref[j]! - front[p + j]!;
    // limit(T, p) projected on the first d objectives, T = the points after p.
    let count = 0;
    for (let s = t + 1; s < n; s++) {
      const q = order[s]! * m;
      for (let j = 0; j < d; j++) {
        const a = front[q + j]!;
        const b = front[p + j]!;
        limited[count * d + j] = a > b ? a : b;
      }
      count++;
    }
    // WFG's nds(limit(T, p)): limited sets are mostly dominated points, so the filter shrinks
    // them before the recursion.
    const inner =
      count === 0 ? 0 : hypervolumeOfFront(nondominatedFilter(limited.subarray(0, count * d), d), d, subRef);
    total += (ref[d]! - front[p + d]!) * (box - inner);
  }
  return total;
}
