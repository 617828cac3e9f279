/**
 * Exclusive hypervolume contributions: for each point p of S, HV(S) - HV(S \ {p}), the volume
 * dominated by p alone. MOTPE uses them to weight its "good" observations (Ozaki, Tanigaki,
 * Watanabe, Onishi, "Multiobjective tree-structured Parzen estimator for computationally
 * expensive optimization problems", GECCO 2020).
 *
 * A point that is dominated, duplicated, or does not strictly dominate the reference
 * contributes 0. For the others, the points of the non-dominated set P:
 * - 2-D: with P sorted by the first objective, p_i alone covers the rectangle
 *   R_i = [x_i, x_{i+1}) × [y_i, y_{i-1}) (x_{|P|+1} = r_0, y_0 = r_1) except where points
 *   dominated by p_i alone reach into it; those are found by binary search and each belongs
 *   to at most one R_i, so the contribution is area(R_i) - HV(those points, corner of R_i):
 *   O(N log N) in all.
 * - m ≥ 3: exclhv(p, S \ {p}) = vol([p, r]) - HV(nds(limit(S \ {p}, p))) (While, Bradstreet,
 *   Barone 2012), each a hypervolume of a limited set that is usually far smaller than S.
 */

import { hypervolumeOfSet, sweep3d } from "./hypervolume.js";
import { ascendingOrder, lexicographicOrder } from "./order.js";
import { checkPoints, checkReference } from "./validate.js";

/**
 * The exclusive hypervolume contribution of each point.
 * @param points - row-major N×m objective values (minimized); +Infinity allowed, NaN and
 *   -Infinity not.
 * @param nObjectives - m ≥ 1.
 * @param reference - m finite values.
 * @returns Float64Array of N contributions (0 for dominated points, duplicates, and points not
 *   strictly better than the reference in every objective).
 * @throws RangeError on bad shapes, NaN or -Infinity values, or a non-finite reference.
 * @example hypervolumeContributions(Float64Array.of(1, 2, 2, 1), 2, [3, 3]) // [1, 1]
 */
export function hypervolumeContributions(
  points: Float64Array,
  nObjectives: number,
  reference: ArrayLike<number>,
): Float64Array {
  const n = checkPoints("hypervolumeContributions", points, nObjectives, true);
  const ref = checkReference("hypervolumeContributions", points, nObjectives, reference);
  const m = nObjectives;
  const out = new Float64Array(n);
  const { front, duplicated } = strictFront(points, n, m, ref);
  if (front.length === 0) return out;
  if (m === 1) {
    if (duplicated[0]) return out;
    // A unique minimum contributes up to the second best value (or the reference).
    let second = ref[0]!;
    for (let i = 0; i < n; i++) {
      const v = points[i]!;
      if (i !== front[0] && v < second) second = v;
    }
    out[front[0]!] = second - points[front[0]!]!;
    return out;
  }
  if (m === 2) return contributions2d(points, n, ref, front, duplicated, out);
  // All points strictly inside the reference take part in the limited sets.
  let inside: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let j = 0; j < m; j++) if (!(points[i * m + j]! < ref[j]!)) ok = false;
    if (ok) inside.push(i);
  }
  // In 3-D, list them by increasing third objective once: every limited set limit(q, p) then
  // comes out already sorted for the sweep (its third coordinate is max(q_3, p_3)).
  let identity: Int32Array | null = null;
  if (m === 3) {
    const z = Float64Array.from(inside, (i) => points[3 * i + 2]!);
    inside = Array.from(ascendingOrder(z), (t) => inside[t]!);
    identity = Int32Array.from({ length: inside.length }, (_, i) => i);
  }
  const limited = new Float64Array(inside.length * m);
  for (let t = 0; t < front.length; t++) {
    if (duplicated[t]) continue;
    const pi = front[t]!;
    const p = pi * m;
    let box = 1;
    for (let j = 0; j < m; j++) box *= ref[j]! - points[p + j]!;
    let count = 0;
    for (const qi of inside) {
      if (qi === pi) continue;
      const q = qi * m;
      for (let j = 0; j < m; j++) {
        const a = points[q + j]!;
        const b = points[p + j]!;
        limited[count * m + j] = a > b ? a : b;
      }
      count++;
    }
    const inner =
      identity !== null
        ? sweep3d(limited, count, ref, identity.subarray(0, count))
        : hypervolumeOfSet(limited.subarray(0, count * m), m, ref);
    const c = box - inner;
    out[pi] = c > 0 ? c : 0;
  }
  return out;
}

/** The 2-D case: rectangles R_i minus the points dominated by p_i alone (see the header). */
function contributions2d(
  points: Float64Array,
  n: number,
  ref: Float64Array,
  front: number[],
  duplicated: boolean[],
  out: Float64Array,
): Float64Array {
  const k = front.length;
  const fx = Float64Array.from(front, (i) => points[2 * i]!);
  const fy = Float64Array.from(front, (i) => points[2 * i + 1]!);
  const onFront = new Uint8Array(n);
  for (const i of front) onFront[i] = 1;
  // Points reaching into some R_i, grouped by i.
  const groups: number[][] = Array.from({ length: k }, () => []);
  for (let q = 0; q < n; q++) {
    if (onFront[q]) continue;
    const x = points[2 * q]!;
    const y = points[2 * q + 1]!;
    if (!(x < ref[0]! && y < ref[1]!)) continue;
    // Last front point with fx ≤ x: the one with the lowest y among those to the left.
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fx[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) continue;
    const top = i > 0 ? fy[i - 1]! : ref[1]!;
    const right = i + 1 < k ? fx[i + 1]! : ref[0]!;
    if (y < top && x < right) groups[i]!.push(q);
  }
  for (let i = 0; i < k; i++) {
    if (duplicated[i]) continue;
    const right = i + 1 < k ? fx[i + 1]! : ref[0]!;
    const top = i > 0 ? fy[i - 1]! : ref[1]!;
    let c = (right - fx[i]!) * (top - fy[i]!);
    const g = groups[i]!;
    if (g.length > 0) {
      const sub = new Float64Array(2 * g.length);
      for (let t = 0; t < g.length; t++) sub.set([points[2 * g[t]!]!, points[2 * g[t]! + 1]!], 2 * t);
      const corner = Float64Array.of(right, top);
      c -= hypervolumeOfSet(sub, 2, corner);
    }
    out[front[i]!] = c > 0 ? c : 0;
  }
  return out;
}

/**
 * The non-dominated points that strictly dominate the reference, one representative per group
 * of duplicates, in lexicographic order, with a flag for the representatives of duplicated
 * points (whose exclusive contribution is 0, while they still cover their box).
 */
function strictFront(
  points: Float64Array,
  n: number,
  m: number,
  ref: Float64Array,
): { front: number[]; duplicated: boolean[] } {
  const inside: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let j = 0; j < m; j++) if (!(points[i * m + j]! < ref[j]!)) ok = false;
    if (ok) inside.push(i);
  }
  const sub = new Float64Array(inside.length * m);
  for (let i = 0; i < inside.length; i++)
    sub.set(points.subarray(inside[i]! * m, (inside[i]! + 1) * m), i * m);
  const order = lexicographicOrder(sub, inside.length, m);
  const result: number[] = [];
  const duplicated: boolean[] = [];
  const same = (a: number, b: number): boolean => {
    for (let j = 0; j < m; j++) if (sub[a * m + j] !== sub[b * m + j]) return false;
    return true;
  };
  // Points not dominated so far (duplicates included): every dominated point is weakly
  // dominated by one of them, and they come first in lexicographic order.
  const kept: number[] = [];
  let bestY = Number.POSITIVE_INFINITY;
  let bestX = Number.POSITIVE_INFINITY;
  for (let t = 0; t < order.length; t++) {
    const i = order[t]!;
    let dominated = false;
    if (m === 2) {
      // Earlier points have x ≤ this x; one with y ≤ this y dominates unless identical.
      // bestX is the smallest x among earlier points reaching bestY.
      const x = sub[2 * i]!;
      const y = sub[2 * i + 1]!;
      dominated = bestY < y || (bestY === y && bestX < x);
      if (y < bestY) {
        bestY = y;
        bestX = x;
      }
    } else {
      for (let s = kept.length - 1; s >= 0 && !dominated; s--) {
        const q = kept[s]!;
        let weak = true;
        for (let j = 0; j < m; j++) {
          if (sub[q * m + j]! > sub[i * m + j]!) {
            weak = false;
            break;
          }
        }
        dominated = weak && !same(q, i);
      }
    }
    if (dominated) continue;
    kept.push(i);
    // Duplicates are adjacent in lexicographic order: keep the first as representative.
    if (t > 0 && same(order[t - 1]!, i)) {
      duplicated[duplicated.length - 1] = true;
      continue;
    }
    result.push(inside[i]!);
    duplicated.push(false);
  }
  return { front: result, duplicated };
}
