/**
 * Simplex crossover, SPX (Tsutsui, Yamamura and Higuchi, "Multi-parent recombination with
 * simplex crossover in real coded genetic algorithms", GECCO 1999): the child is uniform in
 * the simplex of the k parents p₁..p_k expanded by ε about their centroid G:
 *   G = (1/k) Σ pⱼ,   xⱼ = G + ε·(pⱼ − G),   rⱼ = u_j^(1/j)  (u_j ~ U(0, 1)),
 *   C₁ = 0,   Cⱼ = r_{j−1}·(x_{j−1} − xⱼ + C_{j−1})   (j = 2..k),   child = x_k + C_k.
 * The child's mean is G. With ε = √(k + 1) the child's covariance equals the parents'
 * sample covariance (Tsutsui et al. 1999), the expansion this module takes by default;
 * Optuna's SPXCrossover takes √(n + 2) with n the number of genes, which for many genes
 * places most children outside the box. The children may leave the box (see `Repair`).
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover } from "../types.js";
import { checkInteger, checkNonNegative } from "../validate.js";

/** Options of {@link spxCrossover}. */
export interface SpxCrossoverOptions {
  /** Number of parents k ≥ 2 (the paper recommends n + 1; Optuna uses 3). @defaultValue 3 */
  readonly nParents?: number;
  /** Expansion rate ε ≥ 0 of the simplex about its centroid. @defaultValue √(k + 1) */
  readonly epsilon?: number;
}

/**
 * The simplex crossover of k parents.
 * @throws RangeError if `nParents` is not an integer ≥ 2 or `epsilon` is negative or not finite.
 * @example crossover(spxCrossover(), [a, b, c], rng)
 */
export function spxCrossover(options: SpxCrossoverOptions = {}): Crossover {
  const where = "spxCrossover";
  const k = options.nParents ?? 3;
  checkInteger(where, "nParents", k, 2);
  const eps = options.epsilon ?? Math.sqrt(k + 1);
  checkNonNegative(where, "epsilon", eps);
  return {
    name: "spx",
    nParents: k,
    cross(parents: readonly Float64Array[], rng: Rng, _box: Box, out: Float64Array): Float64Array {
      const n = out.length;
      // r_j = u^(1/j), j = 1..k-1 (Tsutsui et al. 1999, eq. (2)), drawn first.
      const r = new Float64Array(k);
      for (let j = 1; j < k; j++) r[j] = rng.random() ** (1 / j);
      for (let i = 0; i < n; i++) {
        let g = 0;
        for (let j = 0; j < k; j++) g += parents[j]![i]!;
        g /= k;
        let prev = g + eps * (parents[0]![i]! - g);
        let c = 0;
        for (let j = 1; j < k; j++) {
          const x = g + eps * (parents[j]![i]! - g);
          c = r[j]! * (prev - x + c);
          prev = x;
        }
        out[i] = prev + c;
      }
      return out;
    },
  };
}
