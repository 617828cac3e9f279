/**
 * Two-layer reference directions for many objectives (Deb & Jain, "An evolutionary
 * many-objective optimization algorithm using reference-point-based nondominated sorting
 * approach, part I", IEEE TEVC 18(4), 2014, §V and Table I): with M ≥ 6 objectives a single
 * Das–Dennis layer needs H ≥ M to place any point inside the simplex, which gives too many
 * directions, so NSGA-III uses a boundary layer with H₁ divisions and an inside layer with
 * H₂ divisions shrunk towards the centroid c = (1/M, ..., 1/M) by τ = 1/2:
 *
 *   w' = c + τ (w − c) = τ w + (1 − τ)/M.
 *
 * Counts in Deb & Jain's Table I: M = 8, (H₁, H₂) = (3, 2): 120 + 36 = 156;
 * M = 10, (3, 2): 220 + 55 = 275; M = 15, (2, 1): 120 + 15 = 135.
 */
import { dasDennis } from "./das-dennis.js";
import { checkInteger } from "./validate.js";

/** Options of {@link twoLayerDirections}. */
export interface TwoLayerOptions {
  /**
   * How far the inside layer is shrunk towards the centroid: w' = c + τ (w − c), 0 < τ ≤ 1.
   * @defaultValue 0.5 (Deb & Jain 2014)
   */
  readonly shrink?: number;
}

/**
 * The boundary layer (Das–Dennis with H₁ divisions) followed by the inside layer (H₂
 * divisions, shrunk towards the centroid).
 * @param nObjectives - M ≥ 2.
 * @param outerDivisions - H₁ ≥ 1.
 * @param innerDivisions - H₂ ≥ 1.
 * @returns row-major Float64Array of (C(H₁+M−1, M−1) + C(H₂+M−1, M−1)) × M directions.
 * @throws RangeError when an argument is out of range (shrink outside (0, 1]).
 * @example twoLayerDirections(8, 3, 2).length / 8 // 156
 */
export function twoLayerDirections(
  nObjectives: number,
  outerDivisions: number,
  innerDivisions: number,
  options: TwoLayerOptions = {},
): Float64Array {
  checkInteger("twoLayerDirections", "nObjectives", nObjectives, 2);
  checkInteger("twoLayerDirections", "outerDivisions", outerDivisions, 1);
  checkInteger("twoLayerDirections", "innerDivisions", innerDivisions, 1);
  const tau = options.shrink ?? 0.5;
  if (!(tau > 0 && tau <= 1)) {
    throw new RangeError(`twoLayerDirections: shrink must be in (0, 1], got ${tau}`);
  }
  const m = nObjectives;
  const outer = dasDennis(m, outerDivisions);
  const inner = dasDennis(m, innerDivisions);
  const out = new Float64Array(outer.length + inner.length);
  out.set(outer);
  const shift = (1 - tau) / m;
  for (let i = 0; i < inner.length; i++) out[outer.length + i] = tau * inner[i]! + shift;
  return out;
}
