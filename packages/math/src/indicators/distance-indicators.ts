/**
 * Distance-based quality indicators of a set A against a reference front Z (both N×m,
 * minimization), as power means of nearest-neighbour distances:
 *
 *   GD_p(A, Z)   = ( (1/|A|) Σ_{a∈A} min_{z∈Z} d(a, z)^p )^{1/p}      (generational distance)
 *   IGD_p(A, Z)  = ( (1/|Z|) Σ_{z∈Z} min_{a∈A} d(a, z)^p )^{1/p}      (inverted GD)
 *
 * with d the Euclidean distance. GD (Van Veldhuizen & Lamont 1998) measures convergence of A
 * to Z; IGD (Coello & Reyes Sierra 2004) measures both convergence and coverage of Z.
 * The "plus" versions (Ishibuchi, Masuda, Tanigaki, Nojima, "Modified distance calculation in
 * generational distance and inverted generational distance", EMO 2015) replace d by the
 * distance to the region Z dominates:
 *
 *   d⁺(a, z) = sqrt( Σ_k max(a_k − z_k, 0)² )
 *
 * so a point of A that is better than z in some objective is not penalized there. IGD⁺ is
 * weakly Pareto compliant; IGD⁺ ≤ IGD and GD⁺ ≤ GD always (d⁺ ≤ d term by term).
 *
 * p = 1 (the plain mean) is the default, as in pymoo's GD/IGD/GD+/IGD+ and in Ishibuchi et
 * al.; Van Veldhuizen's original GD is ( Σ d² )^{1/2} / |A|, which is GD_2 / sqrt(|A|).
 */
import { checkPower, checkSet } from "./validate.js";

/** Options of the distance indicators. */
export interface DistanceIndicatorOptions {
  /**
   * Exponent of the power mean of the nearest distances (≥ 1).
   * @defaultValue 1 (the arithmetic mean, pymoo's and Ishibuchi et al.'s choice)
   */
  readonly p?: number;
}

/**
 * Power mean over the rows of `from` of their nearest distance to the rows of `to`.
 * `plus`: the modified distance d⁺(x, y) = ‖max(x − y, 0)‖ where x is the row of the
 * approximation set and y the row of the reference front (`approxIsFrom` says which is which).
 */
function meanNearest(
  from: Float64Array,
  nFrom: number,
  to: Float64Array,
  nTo: number,
  m: number,
  p: number,
  plus: boolean,
  approxIsFrom: boolean,
): number {
  let sum = 0;
  for (let i = 0; i < nFrom; i++) {
    const oi = i * m;
    let best = Number.POSITIVE_INFINITY;
    for (let t = 0; t < nTo; t++) {
      const ot = t * m;
      let d2 = 0;
      for (let k = 0; k < m; k++) {
        let diff = from[oi + k]! - to[ot + k]!;
        if (plus) {
          // d⁺(a, z) = ‖max(a − z, 0)‖ with a in the approximation set.
          if (!approxIsFrom) diff = -diff;
          if (diff < 0) diff = 0;
        }
        d2 += diff * diff;
        if (d2 >= best) break;
      }
      if (d2 < best) best = d2;
    }
    const d = Math.sqrt(best);
    sum += p === 1 ? d : d ** p;
  }
  const mean = sum / nFrom;
  return p === 1 ? mean : mean ** (1 / p);
}

function indicator(
  where: string,
  points: Float64Array,
  nObjectives: number,
  referenceFront: Float64Array,
  options: DistanceIndicatorOptions,
  plus: boolean,
  inverted: boolean,
): number {
  const n = checkSet(where, "points", points, nObjectives);
  const nz = checkSet(where, "referenceFront", referenceFront, nObjectives);
  const p = options.p ?? 1;
  checkPower(where, p);
  return inverted
    ? meanNearest(referenceFront, nz, points, n, nObjectives, p, plus, false)
    : meanNearest(points, n, referenceFront, nz, nObjectives, p, plus, true);
}

/**
 * Generational distance GD_p(A, Z): the power mean over A of each point's Euclidean distance
 * to the nearest point of the reference front Z (see the module header). 0 when A ⊆ Z.
 * @param points - A, row-major N×m, finite, N ≥ 1.
 * @param nObjectives - m ≥ 1.
 * @param referenceFront - Z, row-major |Z|×m, finite, |Z| ≥ 1.
 * @throws RangeError on an empty set, a length that is not a multiple of m (dimension
 * mismatch), a non-finite value, or p < 1.
 * @example gd(Float64Array.of(1, 1), 2, Float64Array.of(0, 1, 1, 0)) // 1
 */
export function gd(
  points: Float64Array,
  nObjectives: number,
  referenceFront: Float64Array,
  options: DistanceIndicatorOptions = {},
): number {
  return indicator("gd", points, nObjectives, referenceFront, options, false, false);
}

/**
 * GD⁺ (Ishibuchi et al. 2015): GD with the modified distance d⁺(a, z) = ‖max(a − z, 0)‖.
 * @throws RangeError as {@link gd}.
 * @example gdPlus(Float64Array.of(0.5, 0.5), 2, Float64Array.of(0, 1, 1, 0)) // 0.5
 */
export function gdPlus(
  points: Float64Array,
  nObjectives: number,
  referenceFront: Float64Array,
  options: DistanceIndicatorOptions = {},
): number {
  return indicator("gdPlus", points, nObjectives, referenceFront, options, true, false);
}

/**
 * Inverted generational distance IGD_p(A, Z): the power mean over the reference front Z of
 * each reference point's distance to the nearest point of A. 0 when Z ⊆ A; grows as A
 * misses parts of Z.
 * @throws RangeError as {@link gd}.
 * @example igd(Float64Array.of(0, 1), 2, Float64Array.of(0, 1, 1, 0)) // √2 / 2
 */
export function igd(
  points: Float64Array,
  nObjectives: number,
  referenceFront: Float64Array,
  options: DistanceIndicatorOptions = {},
): number {
  return indicator("igd", points, nObjectives, referenceFront, options, false, true);
}

/**
 * IGD⁺ (Ishibuchi et al. 2015): IGD with d⁺(z, a) = ‖max(a − z, 0)‖, weakly Pareto
 * compliant; never above IGD.
 * @throws RangeError as {@link gd}.
 * @example igdPlus(Float64Array.of(0, 1), 2, Float64Array.of(0, 1, 1, 0)) // 0.5
 */
export function igdPlus(
  points: Float64Array,
  nObjectives: number,
  referenceFront: Float64Array,
  options: DistanceIndicatorOptions = {},
): number {
  return indicator("igdPlus", points, nObjectives, referenceFront, options, true, true);
}
