/**
 * Uniform (random-resetting) mutation: the gene is drawn anew, uniformly on [l, u]. On genes
 * mapped to the unit interval by their prior (`genes.ts`) this is a fresh draw from the prior,
 * what Optuna's NSGAIISampler does to a mutated parameter by default (it hands the parameter
 * to its RandomSampler); on a categorical gene it is a uniform choice.
 */
import type { Rng } from "../../random/rng.js";
import type { Mutation } from "../types.js";

/**
 * The uniform mutation of one gene.
 * @example mutate(uniformMutation(), x, rng, { prob: 0.1 })
 */
export function uniformMutation(): Mutation {
  return {
    name: "uniform",
    mutateGene(_x: number, lower: number, upper: number, rng: Rng): number {
      const y = lower + (upper - lower) * rng.random();
      return y < upper || lower === upper ? y : lower;
    },
  };
}
