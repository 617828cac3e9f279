/**
 * Uniform crossover (Syswerda, "Uniform crossover in genetic algorithms", ICGA 1989): each
 * gene of the child is the first parent's, or the second's with probability `swappingProb`.
 * Children stay in any box that holds both parents.
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover } from "../types.js";
import { checkClosed } from "../validate.js";

/** Options of {@link uniformCrossover}. */
export interface UniformCrossoverOptions {
  /** Probability that a gene comes from the second parent (Optuna's `swapping_prob`). @defaultValue 0.5 */
  readonly swappingProb?: number;
}

/**
 * The uniform crossover of two parents.
 * @throws RangeError if `swappingProb` is not in [0, 1].
 * @example crossover(uniformCrossover(), [a, b], rng) // each gene from a or b
 */
export function uniformCrossover(options: UniformCrossoverOptions = {}): Crossover {
  const p = options.swappingProb ?? 0.5;
  checkClosed("uniformCrossover", "swappingProb", p, 0, 1);
  return {
    name: "uniform",
    nParents: 2,
    cross(parents: readonly Float64Array[], rng: Rng, _box: Box, out: Float64Array): Float64Array {
      const a = parents[0]!;
      const b = parents[1]!;
      for (let i = 0; i < out.length; i++) out[i] = rng.random() < p ? b[i]! : a[i]!;
      return out;
    },
  };
}
