/**
 * Polynomial mutation in Deb's bounded form (Deb and Goyal, "A combined genetic adaptive
 * search (GeneAS) for engineering design", 1996; written out in Deb and Deb, "Analysing
 * mutation schemes for real-parameter genetic algorithms", IJAISC 4(1), 2014, §2): for a gene
 * x ∈ [l, u], with δ₁ = (x − l)/(u − l), δ₂ = (u − x)/(u − l), u' ~ U(0, 1) and η the
 * distribution index,
 *   u' < ½:  δ_q = (2u' + (1 − 2u')·(1 − δ₁)^(η+1))^(1/(η+1)) − 1,
 *   u' ≥ ½:  δ_q = 1 − (2(1 − u') + 2(u' − ½)·(1 − δ₂)^(η+1))^(1/(η+1)),
 * and x' = x + δ_q·(u − l), which lies in [l, u] (clipped against rounding). A larger η keeps
 * x' nearer x.
 */
import type { Rng } from "../../random/rng.js";
import type { Mutation } from "../types.js";
import { checkNonNegative } from "../validate.js";

/** Options of {@link polynomialMutation}. */
export interface PolynomialMutationOptions {
  /** Distribution index η ≥ 0. @defaultValue 20 (Deb et al. 2002; Optuna's PolynomialMutation) */
  readonly eta?: number;
}

/**
 * Deb's bounded polynomial mutation of one gene.
 * @throws RangeError if `eta` is negative or not finite.
 * @example mutate(polynomialMutation({ eta: 20 }), x, rng, { prob: 1 / x.length })
 */
export function polynomialMutation(options: PolynomialMutationOptions = {}): Mutation {
  const eta = options.eta ?? 20;
  checkNonNegative("polynomialMutation", "eta", eta);
  const inv = 1 / (eta + 1);
  return {
    name: "polynomial",
    mutateGene(x: number, lower: number, upper: number, rng: Rng): number {
      const w = upper - lower;
      if (!(w > 0)) return lower;
      const u = rng.random();
      let dq: number;
      if (u < 0.5) {
        const d1 = (x - lower) / w;
        dq = (2 * u + (1 - 2 * u) * (1 - d1) ** (eta + 1)) ** inv - 1;
      } else {
        const d2 = (upper - x) / w;
        dq = 1 - (2 * (1 - u) + 2 * (u - 0.5) * (1 - d2) ** (eta + 1)) ** inv;
      }
      const y = x + dq * w;
      return y < lower ? lower : y > upper ? upper : y;
    },
  };
}
