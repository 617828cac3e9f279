/**
 * Simulated binary crossover, SBX (Deb and Agrawal, "Simulated binary crossover for continuous
 * search space", Complex Systems 9, 1995), in its bounded form (Deb's NSGA-II code; Deb and
 * Goyal 1996; also pymoo's and Optuna's): for a gene with parents y₁ ≤ y₂ in [l, u] and
 * spread factor β, the two children are c₁,₂ = ½·((y₁ + y₂) ∓ β_q·(y₂ − y₁)) where β_q
 * follows the polynomial density p(β) = ½(η+1)β^η on [0, 1] and ½(η+1)/β^(η+2) beyond,
 * truncated to the part that keeps the child inside [l, u]: with
 * β_l = 1 + 2(y₁ − l)/(y₂ − y₁) and α = 2 − β_l^−(η+1), u ~ U(0, 1),
 *   β_q = (u·α)^(1/(η+1))            if u ≤ 1/α,
 *   β_q = (1/(2 − u·α))^(1/(η+1))    otherwise,
 * for c₁ (and the same with β_u = 1 + 2(u − y₂)/(y₂ − y₁) for c₂). Away from the bounds the
 * pair is symmetric about the parents' midpoint; a larger η (distribution index) keeps the
 * children closer to their parents.
 *
 * One child (as Optuna): each gene takes the SBX pair with probability `useChildGeneProb`, else
 * the parents' genes; the two values of the pair are exchanged with probability
 * `uniformCrossoverProb` (pymoo's prob_var and prob_exch); the first of them is the child.
 * Parents' genes closer than 1e-14 are copied (no spread to draw from).
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover } from "../types.js";
import { checkClosed, checkNonNegative } from "../validate.js";

/** Options of {@link sbxCrossover}. */
export interface SbxCrossoverOptions {
  /**
   * Distribution index η ≥ 0: larger keeps children nearer their parents. Optuna's
   * NSGAIISampler uses 2 for one objective and 20 for several when none is given.
   * @defaultValue 20 (Deb et al. 2002's NSGA-II runs)
   */
  readonly eta?: number;
  /** Probability that a gene takes the SBX child value rather than a parent's. @defaultValue 0.5 */
  readonly useChildGeneProb?: number;
  /** Probability that the two values of a gene (children or parents) are exchanged. @defaultValue 0.5 */
  readonly uniformCrossoverProb?: number;
}

/** β_q of SBX for one side, given α = 2 − β^−(η+1) and u ∈ [0, 1). */
function betaQ(alpha: number, u: number, inv: number): number {
  const ua = u * alpha;
  return u <= 1 / alpha ? ua ** inv : (1 / (2 - ua)) ** inv;
}

/**
 * The bounded simulated binary crossover of two parents; children stay in the box.
 * @throws RangeError if `eta` is negative or not finite, `useChildGeneProb` not in (0, 1] or
 *   `uniformCrossoverProb` not in [0, 1].
 * @example crossover(sbxCrossover({ eta: 15 }), [a, b], rng)
 */
export function sbxCrossover(options: SbxCrossoverOptions = {}): Crossover {
  const where = "sbxCrossover";
  const eta = options.eta ?? 20;
  const pChild = options.useChildGeneProb ?? 0.5;
  const pSwap = options.uniformCrossoverProb ?? 0.5;
  checkNonNegative(where, "eta", eta);
  checkClosed(where, "useChildGeneProb", pChild, 0, 1);
  if (pChild === 0) throw new RangeError(`${where}: useChildGeneProb must be a number in (0, 1], got 0`);
  checkClosed(where, "uniformCrossoverProb", pSwap, 0, 1);
  const inv = 1 / (eta + 1);
  return {
    name: "sbx",
    nParents: 2,
    cross(parents: readonly Float64Array[], rng: Rng, box: Box, out: Float64Array): Float64Array {
      const a = parents[0]!;
      const b = parents[1]!;
      const { lower, upper } = box;
      for (let i = 0; i < out.length; i++) {
        let first = a[i]!;
        let second = b[i]!;
        if (rng.random() < pChild) {
          const y1 = first < second ? first : second;
          const y2 = first < second ? second : first;
          const d = y2 - y1;
          if (d > 1e-14) {
            const l = lower[i]!;
            const h = upper[i]!;
            const u = rng.random();
            // Deb and Agrawal (1995), eq. (3) with the bounded α of Deb's code.
            const alpha1 = 2 - (1 + (2 * (y1 - l)) / d) ** -(eta + 1);
            const alpha2 = 2 - (1 + (2 * (h - y2)) / d) ** -(eta + 1);
            let c1 = 0.5 * (y1 + y2 - betaQ(alpha1, u, inv) * d);
            let c2 = 0.5 * (y1 + y2 + betaQ(alpha2, u, inv) * d);
            // Rounding can step a hair outside the box.
            c1 = c1 < l ? l : c1 > h ? h : c1;
            c2 = c2 < l ? l : c2 > h ? h : c2;
            first = c1;
            second = c2;
          }
        }
        out[i] = rng.random() < pSwap ? second : first;
      }
      return out;
    },
  };
}
