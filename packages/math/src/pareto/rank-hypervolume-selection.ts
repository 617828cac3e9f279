/**
 * Selecting k of N points by non-domination rank, the last front that does not fit cut by
 * greedy hypervolume subset selection: MOTPE's choice of its "below" set (Ozaki, Tanigaki,
 * Watanabe, Nomura, Onishi, "Multiobjective tree-structured Parzen estimator", JAIR 73,
 * 2022, §3.2; Optuna 3.x `_split_complete_trials_multi_objective`), and the rank-then-
 * secondary-criterion survival of NSGA-II (Deb et al. 2002) with hypervolume as the
 * secondary criterion.
 *
 * Notation: N points, m objectives (all minimized), F_0, F_1, ... the non-domination fronts
 * (`nonDominatedRanks`). The fronts F_0, ..., F_{r-1} are taken whole while
 * |F_0| + ... + |F_{r-1}| ≤ k; of F_r, the k − Σ|F_<r| points chosen greedily by hypervolume
 * gain (`hypervolumeSubsetSelection`) with the reference point of F_r alone
 * (`referencePoint`, Optuna's choice). When F_r holds an infinite value no finite reference
 * point exists, and its first points by index are taken.
 */
import { nonDominatedRanks } from "./non-dominated-sort.js";
import { referencePoint } from "./reference-point.js";
import { hypervolumeSubsetSelection } from "./subset-selection.js";
import { checkPoints } from "./validate.js";

/**
 * k indices of `points` chosen front by front, the last front cut by greedy hypervolume
 * subset selection (see the module header).
 * @param points - row-major N×m objective values (minimized); ±Infinity allowed, NaN not.
 * @param nObjectives - m ≥ 1.
 * @param k - how many to choose, 0 ≤ k ≤ N.
 * @returns Int32Array of k distinct indices: the whole fronts in rank order (each ascending),
 *   then the chosen points of the cut front in the order they were chosen.
 * @throws RangeError on bad shapes, NaN, or k out of range.
 * @example
 * ```ts
 * // Front 0: (0, 3), (3, 0); front 1: (1, 4), (2, 3.5), (4, 1).
 * rankHypervolumeSelection(Float64Array.of(0, 3, 3, 0, 1, 4, 2, 3.5, 4, 1), 2, 3) // [0, 1, 3]
 * ```
 */
export function rankHypervolumeSelection(points: Float64Array, nObjectives: number, k: number): Int32Array {
  const n = checkPoints("rankHypervolumeSelection", points, nObjectives, true);
  if (!Number.isSafeInteger(k) || k < 0 || k > n) {
    throw new RangeError(`rankHypervolumeSelection: k must be an integer in 0..${n}, got ${k}`);
  }
  const m = nObjectives;
  const chosen = new Int32Array(k);
  if (k === 0) return chosen;
  const ranks = nonDominatedRanks(points, m);
  const byRank: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = ranks[i]!;
    byRank[r] ??= [];
    byRank[r].push(i);
  }
  let count = 0;
  for (const front of byRank) {
    if (front === undefined) continue;
    if (count + front.length <= k) {
      for (const i of front) chosen[count++] = i;
      if (count === k) break;
      continue;
    }
    const need = k - count;
    const fp = new Float64Array(front.length * m);
    front.forEach((i, r) => {
      for (let j = 0; j < m; j++) fp[r * m + j] = points[i * m + j]!;
    });
    const ref = referencePoint(fp, m);
    if (ref === null) {
      for (let r = 0; r < need; r++) chosen[count++] = front[r]!;
    } else {
      for (const r of hypervolumeSubsetSelection(fp, m, need, ref)) chosen[count++] = front[r]!;
    }
    break;
  }
  return chosen;
}
