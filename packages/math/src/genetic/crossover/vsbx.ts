/**
 * vSBX, the modified simulated binary crossover of Ballester and Carter ("Real-parameter
 * genetic algorithms for finding multiple optimal solutions in multi-modal optimization",
 * GECCO 2003, §3.2), in the one-child form of Optuna's VSBXCrossover. Unlike SBX it excludes
 * no region between or beyond the parents: per gene, with u ~ U(0, 1),
 *   β₁ = (2u)^(−1/(η+1)),   β₂ = (2(1 − u))^(−1/(η+1))   (arguments floored at 1e-10),
 * and, for the whole child, two fair coins choose
 *   c₁ = ½((1 + β₁)·a + (1 − β₂)·b)   or   ½((1 − β₁)·a + (1 + β₂)·b),
 *   c₂ = ½((3 − β₁)·a − (1 − β₂)·b)   or   ½(−(1 − β₁)·a + (3 − β₂)·b).
 * Each gene then takes (c₁, c₂) with probability `useChildGeneProb`, else (aᵢ, bᵢ), the pair
 * exchanged with probability `uniformCrossoverProb`, the first value being the child's. The
 * children may leave the box (see `Repair`).
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover } from "../types.js";
import { checkClosed, checkNonNegative } from "../validate.js";

/** Options of {@link vsbxCrossover}. */
export interface VsbxCrossoverOptions {
  /** Distribution index η ≥ 0 (Optuna: 2 for one objective, 20 for several). @defaultValue 20 */
  readonly eta?: number;
  /** Probability that a gene takes the vSBX child value rather than a parent's. @defaultValue 0.5 */
  readonly useChildGeneProb?: number;
  /** Probability that the two values of a gene are exchanged. @defaultValue 0.5 */
  readonly uniformCrossoverProb?: number;
}

/**
 * The vSBX crossover of two parents.
 * @throws RangeError if `eta` is negative or not finite, `useChildGeneProb` not in (0, 1] or
 *   `uniformCrossoverProb` not in [0, 1].
 * @example crossover(vsbxCrossover({ eta: 2 }), [a, b], rng)
 */
export function vsbxCrossover(options: VsbxCrossoverOptions = {}): Crossover {
  const where = "vsbxCrossover";
  const eta = options.eta ?? 20;
  const pChild = options.useChildGeneProb ?? 0.5;
  const pSwap = options.uniformCrossoverProb ?? 0.5;
  checkNonNegative(where, "eta", eta);
  checkClosed(where, "useChildGeneProb", pChild, 0, 1);
  if (pChild === 0) throw new RangeError(`${where}: useChildGeneProb must be a number in (0, 1], got 0`);
  checkClosed(where, "uniformCrossoverProb", pSwap, 0, 1);
  const e = -1 / (eta + 1);
  return {
    name: "vsbx",
    nParents: 2,
    cross(parents: readonly Float64Array[], rng: Rng, _box: Box, out: Float64Array): Float64Array {
      const a = parents[0]!;
      const b = parents[1]!;
      const first1 = rng.random() <= 0.5;
      const first2 = rng.random() <= 0.5;
      for (let i = 0; i < out.length; i++) {
        const x = a[i]!;
        const y = b[i]!;
        let first = x;
        let second = y;
        if (rng.random() < pChild) {
          const u = rng.random();
          const b1 = Math.max(2 * u, 1e-10) ** e;
          const b2 = Math.max(2 * (1 - u), 1e-10) ** e;
          first = first1 ? 0.5 * ((1 + b1) * x + (1 - b2) * y) : 0.5 * ((1 - b1) * x + (1 + b2) * y);
          second = first2 ? 0.5 * ((3 - b1) * x - (1 - b2) * y) : 0.5 * (-(1 - b1) * x + (3 - b2) * y);
        }
        out[i] = rng.random() < pSwap ? second : first;
      }
      return out;
    },
  };
}
