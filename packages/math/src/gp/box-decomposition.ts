/**
 * A decomposition of the non-dominated region into disjoint axis-aligned boxes, for
 * expected hypervolume improvement (every objective minimized).
 *
 * Notation: P [K×m] the Pareto front (after removing dominated points, duplicates and
 * points that do not strictly dominate the reference r [m]). The non-dominated region
 * A = {z ≤ r : no p ∈ P with p ≤ z} is what a new point can still add: the hypervolume
 * improvement of y is HVI(y) = λ([y, r] ∩ A). With disjoint boxes A = ∪_k [l_k, u_k],
 *   HVI(y) = Σ_k Π_j (u_kj - max(y_j, l_kj))⁺
 * (Yang, Emmerich, Deutz & Bäck, "Efficient computation of expected hypervolume improvement
 * using box decomposition algorithms", J. Global Optim. 75, 2019; BoTorch's qEHVI uses the
 * same identity, Daulton, Balandat & Bakshy, NeurIPS 2020).
 *
 * Method: the grid of the first m - 1 objectives cut at every front coordinate (plus -∞ and
 * r), and one box per grid cell spanning the last objective from -∞ up to the lowest last
 * coordinate among the front points that dominate the cell's lower corner in the first
 * m - 1 objectives (r_m if none). Points in the cell below that bound are non-dominated and
 * those above are dominated, so the boxes are exact and disjoint.
 * - m = 2: K + 1 boxes, the staircase itself (optimal).
 * - m ≥ 3: (K + 1)^(m-1) boxes before empty ones are dropped — exact but not minimal
 *   (Lacour, Klamroth & Fonseca, "A box decomposition algorithm to compute the hypervolume
 *   indicator", Comput. Oper. Res. 2017, reach O(K^⌊m/2⌋)); fine for the front sizes of
 *   a GP-based search (K ≲ 50 at m = 3), not for large m.
 */
import { paretoFrontIndices } from "../pareto/index.js";

/** Disjoint boxes [lower_k, upper_k] (row-major K×m each); lower entries may be -Infinity. */
export interface BoxDecomposition {
  readonly nObjectives: number;
  readonly count: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * The non-dominated region of a point set below a reference point, as disjoint boxes.
 * @param points - row-major N×m objective values (minimized), NaN not allowed.
 * @param nObjectives - m ≥ 1.
 * @param reference - m finite values.
 * @returns the boxes; a single box (-∞, r] when no point dominates the reference.
 * @throws RangeError on bad shapes, NaN values or a non-finite reference.
 * @example nonDominatedBoxes(Float64Array.of(1, 2, 2, 1), 2, [3, 3]).count // 3
 */
export function nonDominatedBoxes(
  points: Float64Array,
  nObjectives: number,
  reference: ArrayLike<number>,
): BoxDecomposition {
  const m = nObjectives;
  if (!Number.isSafeInteger(m) || m < 1)
    throw new RangeError(`nonDominatedBoxes: nObjectives must be an integer >= 1, got ${m}`);
  if (!(points instanceof Float64Array) || points.length % m !== 0) {
    throw new RangeError(
      `nonDominatedBoxes: points must be a Float64Array whose length is a multiple of m=${m}`,
    );
  }
  if (reference.length !== m)
    throw new RangeError(`nonDominatedBoxes: reference must have m=${m} entries, got ${reference.length}`);
  const r = Float64Array.from(reference);
  for (let j = 0; j < m; j++) {
    if (!Number.isFinite(r[j]))
      throw new RangeError(`nonDominatedBoxes: reference[${j}] must be finite, got ${r[j]}`);
  }
  for (let i = 0; i < points.length; i++) {
    if (Number.isNaN(points[i]))
      throw new RangeError(`nonDominatedBoxes: points[${Math.floor(i / m)}][${i % m}] is NaN`);
  }
  // Keep the points strictly inside the reference, then the non-dominated ones, deduplicated.
  const n = points.length / m;
  const inside: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let j = 0; j < m; j++) if (!(points[i * m + j]! < r[j]!)) ok = false;
    if (ok) inside.push(i);
  }
  const sub = new Float64Array(inside.length * m);
  for (let a = 0; a < inside.length; a++) sub.set(points.subarray(inside[a]! * m, inside[a]! * m + m), a * m);
  const front = inside.length === 0 ? new Int32Array(0) : paretoFrontIndices(sub, m);
  const k = front.length;
  const p = new Float64Array(k * m);
  for (let a = 0; a < k; a++) p.set(sub.subarray(front[a]! * m, front[a]! * m + m), a * m);

  // Cut coordinates of each of the first m - 1 objectives: -∞, sorted unique front values, r_j.
  const g = m - 1;
  const cuts: Float64Array[] = [];
  for (let j = 0; j < g; j++) {
    const vals = new Set<number>();
    for (let a = 0; a < k; a++) vals.add(p[a * m + j]!);
    const sorted = Float64Array.from(vals).sort();
    const c = new Float64Array(sorted.length + 2);
    c[0] = Number.NEGATIVE_INFINITY;
    c.set(sorted, 1);
    c[c.length - 1] = r[j]!;
    cuts.push(c);
  }
  let cells = 1;
  for (let j = 0; j < g; j++) cells *= cuts[j]!.length - 1;
  const lower: number[] = [];
  const upper: number[] = [];
  const index = new Int32Array(g);
  for (let cell = 0; cell < cells; cell++) {
    // Lowest last coordinate among points dominating the cell's lower corner in the first g objectives.
    let top = r[g]!;
    for (let a = 0; a < k; a++) {
      let dom = true;
      for (let j = 0; j < g; j++) {
        if (!(p[a * m + j]! <= cuts[j]![index[j]!]!)) {
          dom = false;
          break;
        }
      }
      if (dom && p[a * m + g]! < top) top = p[a * m + g]!;
    }
    for (let j = 0; j < g; j++) {
      lower.push(cuts[j]![index[j]!]!);
      upper.push(cuts[j]![index[j]! + 1]!);
    }
    lower.push(Number.NEGATIVE_INFINITY);
    upper.push(top);
    // Next cell in mixed radix.
    for (let j = 0; j < g; j++) {
      index[j] = index[j]! + 1;
      if (index[j]! < cuts[j]!.length - 1) break;
      index[j] = 0;
    }
  }
  // Drop empty boxes (a zero-width cell from a coordinate equal to the reference cannot occur:
  // front points lie strictly inside r).
  const count = lower.length / m;
  return { nObjectives: m, count, lower: Float64Array.from(lower), upper: Float64Array.from(upper) };
}
