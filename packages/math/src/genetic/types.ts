/**
 * The shapes shared by the genetic operators. Notation: n genes; a point x ∈ ℝⁿ is a
 * Float64Array of length n; the box is [lowerᵢ, upperᵢ] per gene (the unit cube [0, 1]ⁿ
 * unless given). A crossover takes k parents and writes one child; a mutation moves one gene.
 */
import type { Rng } from "../random/rng.js";

/** A box [lowerᵢ, upperᵢ] per gene; lowerᵢ ≤ upperᵢ, both finite. */
export interface Box {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * A crossover operator: k parents in, one child out (as Optuna's crossovers; pymoo's make
 * two, the second is the mirror image and adds nothing to a sampler that needs one).
 *
 * `cross` writes the child into `out` and returns it. It may place genes outside the box
 * (BLX-α, UNDX, SPX and VSBX do); {@link crossover} applies a {@link Repair} afterwards.
 * Implementations must draw only from `rng` and must not modify the parents.
 */
export interface Crossover {
  /** The operator's name (e.g. "sbx"), for messages and reports. */
  readonly name: string;
  /** Number of parents k it takes (2 or 3 for the built-in operators). */
  readonly nParents: number;
  /** Writes one child of `parents` (each of length n) to `out` (length n) and returns `out`. */
  cross(parents: readonly Float64Array[], rng: Rng, box: Box, out: Float64Array): Float64Array;
}

/**
 * A mutation operator of one gene: a new value for `x` in [lower, upper]. Applied gene by gene
 * with a probability by {@link mutate}.
 */
export interface Mutation {
  /** The operator's name (e.g. "polynomial"). */
  readonly name: string;
  /** A mutated value of gene x ∈ [lower, upper], inside [lower, upper]. */
  mutateGene(x: number, lower: number, upper: number, rng: Rng): number;
}

/**
 * What to do with a child gene outside the box:
 * - `resample`: cross the same parents again, up to `maxTries` times in all, until the child
 *   is inside (the child's law is the operator's, conditioned on the box; Optuna redraws until
 *   inside, with new parents), then clip what is still outside;
 * - `clip`: move each outside gene to the nearer bound;
 * - `reflect`: mirror each outside gene at the bound it crossed (repeatedly, so any value
 *   lands inside), as pymoo's bounce-back repair does for one crossing.
 */
export type Repair =
  | {
      readonly kind: "resample" /** Crossings in all before clipping. @defaultValue 100 */;
      readonly maxTries?: number;
    }
  | { readonly kind: "clip" }
  | { readonly kind: "reflect" };
