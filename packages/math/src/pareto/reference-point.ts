/**
 * The reference point of a set of loss vectors (every objective minimized) that Optuna's
 * MOTPE uses for hypervolumes: just beyond the worst value of each objective.
 *
 * Notation: N points, m objectives, w_j = max_i p_ij the worst value of objective j; the
 * reference is r_j = max(1.1·w_j, 0.9·w_j) (10% beyond w_j on either side of 0), with 0
 * replaced by ε = 1e-12 so that points at w_j = 0 keep a positive volume. Optuna 3.x,
 * `optuna/samplers/_tpe/sampler.py` (`_get_reference_point`); Ozaki, Tanigaki, Watanabe,
 * Onishi, "Multiobjective tree-structured Parzen estimator for computationally expensive
 * optimization problems" (GECCO 2020), §3.
 */
import { checkPoints } from "./validate.js";

/** ε that replaces a 0 reference coordinate (Optuna's `EPS`). */
const EPS = 1e-12;

/**
 * max(1.1·w, 0.9·w) per objective from the worst point w of `points` (0 replaced by 1e-12),
 * or null when a value is infinite (no finite reference point exists).
 * @param points - row-major N×m losses (N ≥ 1), minimized; ±Infinity allowed, NaN not.
 * @param nObjectives - m ≥ 1.
 * @throws RangeError on bad shapes, NaN, or no points.
 * @example referencePoint(Float64Array.of(1, -2, 3, -4, 2, 0), 2) // [3.3000000000000003, 1e-12]
 */
export function referencePoint(points: Float64Array, nObjectives: number): Float64Array | null {
  const n = checkPoints("referencePoint", points, nObjectives, true);
  if (n === 0) throw new RangeError("referencePoint: points must hold at least one point");
  const m = nObjectives;
  const ref = new Float64Array(m).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = points[i * m + j]!;
      if (!Number.isFinite(v)) return null;
      if (v > ref[j]!) ref[j] = v;
    }
  }
  for (let j = 0; j < m; j++) {
    const w = ref[j]!;
    const r = Math.max(1.1 * w, 0.9 * w);
    ref[j] = r === 0 ? EPS : r;
  }
  return ref;
}
