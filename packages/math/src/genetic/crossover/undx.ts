/**
 * Unimodal normal distribution crossover, UNDX (Ono and Kobayashi, "A real-coded genetic
 * algorithm for function optimization using unimodal normal distribution crossover",
 * ICGA 1997; notation of Kita, Ono and Kobayashi, CEC 1999, §2): with primary parents p₁, p₂,
 * a secondary parent p₃, and n genes,
 *   m = (p₁ + p₂)/2,   d = p₂ − p₁,   e = d/|d|,
 *   D = distance from p₃ to the line through p₁ and p₂,
 *   child = m + ξ·d + D·Σᵢ ηᵢ·eᵢ,   ξ ~ N(0, σ_ξ²),   ηᵢ ~ N(0, σ_η²),
 * where e₁..e_{n−1} is an orthonormal basis of the complement of e. Because an isotropic
 * normal vector is invariant under rotations, Σᵢ ηᵢ·eᵢ has the law of z − (z·e)·e with
 * z ~ N(0, σ_η²·I): this file draws that (O(n)) instead of building the basis by a QR
 * factorization (O(n³), as Optuna does). The child's mean is m, the midpoint of the primary
 * parents (not the centroid of all three). σ_ξ and σ_η are standard deviations as in the
 * paper (Optuna's UNDXCrossover passes their squares to its normal draws). The children may
 * leave the box (see `Repair`).
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover } from "../types.js";
import { checkNonNegative } from "../validate.js";

/** Options of {@link undxCrossover}. */
export interface UndxCrossoverOptions {
  /** Standard deviation σ_ξ along the primary search line. @defaultValue 0.5 (Ono and Kobayashi 1997) */
  readonly sigmaXi?: number;
  /** Standard deviation σ_η across it, in units of D. @defaultValue 0.35/√n (Ono and Kobayashi 1997) */
  readonly sigmaEta?: number;
}

/**
 * The UNDX crossover of three parents (two primary, one secondary).
 * @throws RangeError if `sigmaXi` or `sigmaEta` is negative or not finite.
 * @example crossover(undxCrossover(), [a, b, c], rng)
 */
export function undxCrossover(options: UndxCrossoverOptions = {}): Crossover {
  const where = "undxCrossover";
  const sigmaXi = options.sigmaXi ?? 0.5;
  checkNonNegative(where, "sigmaXi", sigmaXi);
  if (options.sigmaEta !== undefined) checkNonNegative(where, "sigmaEta", options.sigmaEta);
  let z = new Float64Array(0);
  return {
    name: "undx",
    nParents: 3,
    cross(parents: readonly Float64Array[], rng: Rng, _box: Box, out: Float64Array): Float64Array {
      const n = out.length;
      const p1 = parents[0]!;
      const p2 = parents[1]!;
      const p3 = parents[2]!;
      const sigmaEta = options.sigmaEta ?? 0.35 / Math.sqrt(n);
      if (z.length !== n) z = new Float64Array(n);
      // |d|² and the projection of p₃ − p₁ on d, for D.
      let dd = 0;
      let d3 = 0;
      let q = 0;
      for (let i = 0; i < n; i++) {
        const di = p2[i]! - p1[i]!;
        const vi = p3[i]! - p1[i]!;
        dd += di * di;
        d3 += di * vi;
        q += vi * vi;
      }
      // D² = |v|² − (v·d)²/|d|² (Kita et al. 1999, eq. (4)); 0 when p₃ is on the line.
      const big = dd > 0 ? Math.sqrt(Math.max(0, q - (d3 * d3) / dd)) : Math.sqrt(q);
      const xi = rng.normal(0, sigmaXi);
      // z ~ N(0, σ_η² I), then its component along e removed.
      let ze = 0;
      for (let i = 0; i < n; i++) {
        const v = rng.normal(0, sigmaEta);
        z[i] = v;
        ze += v * (p2[i]! - p1[i]!);
      }
      const s = dd > 0 ? ze / dd : 0;
      for (let i = 0; i < n; i++) {
        const di = p2[i]! - p1[i]!;
        out[i] = 0.5 * (p1[i]! + p2[i]!) + xi * di + big * (z[i]! - s * di);
      }
      return out;
    },
  };
}
