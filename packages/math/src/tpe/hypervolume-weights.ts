/**
 * MOTPE's weights of the below observations (Ozaki, Tanigaki, Watanabe, Nomura, Onishi,
 * "Multiobjective tree-structured Parzen estimator", JAIR 73, 2022, §3.3; Optuna 3.x
 * `_calculate_weights_below_for_multi_objective`): a below observation that adds more
 * hypervolume alone weighs more in l(x).
 *
 * Notation: n below observations with losses y_i ∈ ℝ^m (minimized), F ⊆ {1..n} the feasible
 * ones, r the reference point of {y_i : i ∈ F} (`referencePoint`), c_i = HV(F) − HV(F∖{i})
 * the exclusive contribution of i. Then w_i = (c_i + ε)/max_{j∈F}(c_j + ε) for i ∈ F and
 * w_i = ε otherwise, with ε = 1e-12 (Optuna's `EPS`).
 */
import { hypervolumeContributions } from "../pareto/hypervolume-contributions.js";
import { referencePoint } from "../pareto/reference-point.js";

/** Optuna's EPS: the weight of infeasible below observations and the floor of contributions. */
export const EPS = 1e-12;

/**
 * MOTPE's weights of the below observations: each feasible one's exclusive hypervolume
 * contribution plus EPS, divided by the largest, within the feasible below set; EPS for
 * infeasible ones. One feasible observation gets weight 1; when a loss is infinite (no
 * finite reference point) every feasible one weighs 1.
 * @param loss - row-major n×m sign-adjusted losses of the below observations.
 * @param nObjectives - m ≥ 1.
 * @param feasible - which below observations are feasible (length n).
 * @returns n weights in (0, 1].
 * @example hypervolumeWeights(Float64Array.of(1, 3, 3, 1, 2, 2), 2, [true, true, true]) // [1, 1, 1]
 */
export function hypervolumeWeights(
  loss: Float64Array,
  nObjectives: number,
  feasible: ArrayLike<boolean>,
): Float64Array {
  const m = nObjectives;
  const n = feasible.length;
  const out = new Float64Array(n).fill(EPS);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (feasible[i]) idx.push(i);
  if (idx.length === 0) return out;
  if (idx.length === 1) {
    out[idx[0]!] = 1;
    return out;
  }
  const pts = new Float64Array(idx.length * m);
  idx.forEach((p, r) => {
    for (let j = 0; j < m; j++) pts[r * m + j] = loss[p * m + j]!;
  });
  const ref = referencePoint(pts, m);
  if (ref === null) {
    // Infinite losses: no finite hypervolume; every feasible observation weighs the same.
    for (const p of idx) out[p] = 1;
    return out;
  }
  const contrib = hypervolumeContributions(pts, m, ref);
  let max = 0;
  for (let r = 0; r < idx.length; r++) {
    const c = contrib[r]! + EPS;
    if (c > max) max = c;
  }
  for (let r = 0; r < idx.length; r++) {
    const w = (contrib[r]! + EPS) / max;
    out[idx[r]!] = w < 0 ? 0 : w > 1 ? 1 : w;
  }
  return out;
}
