/** Mutating a point gene by gene. */
import type { Rng } from "../../random/rng.js";
import type { Box, Mutation } from "../types.js";
import { checkBox, checkClosed, unitBox } from "../validate.js";

/** Options of {@link mutate}. */
export interface MutateOptions {
  /** Probability that each gene mutates. @defaultValue 1/n */
  readonly prob?: number;
  /** The box of the genes. @defaultValue the unit cube [0, 1]ⁿ */
  readonly box?: Box;
}

/**
 * Mutates `x` in place: each gene, with probability `prob`, is replaced by
 * `mutation.mutateGene`. One uniform draw decides each gene, then the operator's draws.
 * @returns `x`.
 * @throws RangeError if `prob` is not in [0, 1], the box does not match x, or a gene of x is
 *   outside the box.
 * @example mutate(polynomialMutation(), Float64Array.of(0.5, 0.5), Rng.fromSeed(1))
 */
export function mutate(
  mutation: Mutation,
  x: Float64Array,
  rng: Rng,
  options: MutateOptions = {},
): Float64Array {
  const n = x.length;
  const prob = options.prob ?? 1 / Math.max(1, n);
  checkClosed("mutate", "prob", prob, 0, 1);
  const box = options.box ?? unitBox(n);
  checkBox("mutate", box, n);
  const { lower, upper } = box;
  for (let i = 0; i < n; i++) {
    if (!(x[i]! >= lower[i]! && x[i]! <= upper[i]!)) {
      throw new RangeError(`mutate: x[${i}]=${x[i]} is outside its box [${lower[i]}, ${upper[i]}]`);
    }
  }
  for (let i = 0; i < n; i++) {
    if (rng.random() < prob) x[i] = mutation.mutateGene(x[i]!, lower[i]!, upper[i]!, rng);
  }
  return x;
}
