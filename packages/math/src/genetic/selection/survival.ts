/**
 * NSGA-II's elitist survival (Deb, Pratap, Agarwal and Meyarivan, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002, §III-C): whole
 * non-domination fronts are kept while they fit; the front that does not fit is cut by
 * crowding distance, largest first. With constraints (§VI), ranks are by constrained
 * domination: feasible points (violation 0) by non-dominated sorting of their objectives,
 * then infeasible points by total violation, a smaller violation ranking first and equal
 * violations sharing a rank (as Optuna 5.0's `_fast_non_domination_rank` with a penalty).
 *
 * Notation: N points, m objectives (minimized), row-major N×m Float64Array; violation[i] ≥ 0.
 * Non-finite objective values are accepted: crowding distances are taken on values mapped to
 * finite ones beyond the finite range (keeping their order).
 */
import { crowdingDistance } from "../../pareto/crowding-distance.js";
import { nonDominatedRanks } from "../../pareto/non-dominated-sort.js";
import { checkInteger } from "../validate.js";

/**
 * Ranks under constrained domination: feasible points (violation ≤ 0) first by their
 * non-domination rank, then infeasible points by increasing violation (equal violations share
 * a rank; +Infinity allowed). `nonDominatedRanks` of `@tunelab/math/pareto` with its
 * `violations` option, under the name NSGA-II's survival uses.
 * @param points - row-major N×m objective values (minimized); ±Infinity allowed, NaN not.
 * @param violation - N total violations (≤ 0 feasible), or null when unconstrained.
 * @throws RangeError on bad shapes, NaN values or a violation length other than N.
 * @example constrainedRanks(Float64Array.of(1, 2, 0), 1, Float64Array.of(0, 0, 3)) // [0, 1, 2]
 */
export function constrainedRanks(
  points: Float64Array,
  nObjectives: number,
  violation: ArrayLike<number> | null,
): Int32Array {
  return violation === null
    ? nonDominatedRanks(points, nObjectives)
    : nonDominatedRanks(points, nObjectives, { violations: violation });
}

/** Options of {@link nsgaIISurvival}. */
export interface SurvivalOptions {
  /** Total constraint violation per point (≤ 0 feasible), or null for none. @defaultValue null */
  readonly violation?: ArrayLike<number> | null;
}

/** The result of {@link nsgaIISurvival}. */
export interface Survivors {
  /** Indices of the survivors: whole fronts in rank order, then the cut front by decreasing crowding distance. */
  readonly indices: Int32Array;
  /** The (constrained) rank of each survivor, aligned with `indices`. */
  readonly ranks: Int32Array;
  /** The crowding distance of each survivor within its front, aligned with `indices`. */
  readonly crowding: Float64Array;
}

/**
 * The `size` survivors of NSGA-II, with their ranks and crowding distances (what binary
 * tournaments among them compare). Ties in crowding are broken by index, so the result is a
 * function of the input.
 * @throws RangeError on bad shapes, NaN values or size not an integer ≥ 0.
 * @example nsgaIISurvival(Float64Array.of(1, 4, 2, 2, 4, 1, 3, 3), 2, 3).indices // [0, 1, 2]
 */
export function nsgaIISurvival(
  points: Float64Array,
  nObjectives: number,
  size: number,
  options: SurvivalOptions = {},
): Survivors {
  checkInteger("nsgaIISurvival", "size", size, 0);
  const ranks = constrainedRanks(points, nObjectives, options.violation ?? null);
  const n = ranks.length;
  const m = nObjectives;
  const finite = finitePoints(points, n, m);
  let maxRank = -1;
  for (let i = 0; i < n; i++) if (ranks[i]! > maxRank) maxRank = ranks[i]!;
  const fronts: number[][] = Array.from({ length: maxRank + 1 }, () => []);
  for (let i = 0; i < n; i++) fronts[ranks[i]!]!.push(i);
  const keep = Math.min(size, n);
  const indices = new Int32Array(keep);
  const outRanks = new Int32Array(keep);
  const crowd = new Float64Array(keep);
  let filled = 0;
  for (let r = 0; r <= maxRank && filled < keep; r++) {
    const front = fronts[r]!;
    const d = crowdingDistance(finite, m, front);
    const order = Array.from(front.keys());
    if (filled + front.length > keep) order.sort((a, b) => d[b]! - d[a]! || front[a]! - front[b]!);
    for (let t = 0; t < order.length && filled < keep; t++) {
      indices[filled] = front[order[t]!]!;
      outRanks[filled] = r;
      crowd[filled] = d[order[t]!]!;
      filled++;
    }
  }
  return { indices, ranks: outRanks, crowding: crowd };
}

/** A copy of the points with ±Infinity replaced by finite values beyond each objective's finite range. */
function finitePoints(points: Float64Array, n: number, m: number): Float64Array {
  let allFinite = true;
  for (let i = 0; i < points.length; i++) if (!Number.isFinite(points[i])) allFinite = false;
  if (allFinite) return points;
  const out = Float64Array.from(points);
  for (let j = 0; j < m; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = points[i * m + j]!;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 0;
    }
    const pad = Math.max(hi - lo, Math.abs(hi), Math.abs(lo), 1);
    for (let i = 0; i < n; i++) {
      const v = points[i * m + j];
      if (v === Number.POSITIVE_INFINITY) out[i * m + j] = hi + pad;
      else if (v === Number.NEGATIVE_INFINITY) out[i * m + j] = lo - pad;
    }
  }
  return out;
}
