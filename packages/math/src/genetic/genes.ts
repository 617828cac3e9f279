/**
 * Genes of mixed kinds, described by the priors of `@tunelab/math/priors`: floats (uniform,
 * optionally stepped), log-scale floats, integers (step, log) and categoricals.
 *
 * Numeric genes are crossed and mutated on the unit interval of their prior's internal space
 * (log space for log priors; the cells of a discrete prior's first and last values included,
 * so every value owns an equal share), then mapped back, which rounds integers and stepped
 * floats to their grid and exponentiates log genes. Categorical genes (choice indices) are
 * crossed by a uniform choice between the first and last parent (Optuna's NSGAIISampler does
 * the same, whatever the numeric crossover) and mutated by a uniform redraw.
 *
 * Values here are in the prior's support (`samplePrior`'s output: a number, an integer, or a
 * choice index).
 */
import { fromInternal, internalBounds, toInternal } from "../priors/prior.js";
import type { Prior } from "../priors/types.js";
import type { Rng } from "../random/rng.js";
import { checkRepair, crossover } from "./crossover/apply.js";
import type { Box, Crossover, Mutation, Repair } from "./types.js";
import { checkClosed } from "./validate.js";

/** A prepared list of genes: which are numeric, and their internal-space bounds. */
export interface GeneSpace {
  readonly priors: readonly Prior[];
  /** Positions of the numeric genes, in order. */
  readonly numeric: Int32Array;
  /** Positions of the categorical genes, in order. */
  readonly categorical: Int32Array;
  /** Internal-space lower bound of each gene (by position). */
  readonly low: Float64Array;
  /** Internal-space width of each gene (0 for a single value). */
  readonly width: Float64Array;
  /** The unit box of the numeric genes. */
  readonly box: Box;
}

/**
 * Prepares genes from their priors.
 * @throws TypeError if an entry is not a prior record.
 * @example geneSpace([uniformPrior(0, 1), logUniformPrior(1e-5, 1e-1), intPrior(1, 8), categoricalPrior(3)])
 */
export function geneSpace(priors: readonly Prior[]): GeneSpace {
  const n = priors.length;
  const numeric: number[] = [];
  const categorical: number[] = [];
  const low = new Float64Array(n);
  const width = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = priors[i];
    if (p === null || typeof p !== "object" || typeof (p as { kind?: unknown }).kind !== "string") {
      throw new TypeError(`geneSpace: priors[${i}] must be a prior record`);
    }
    (p.kind === "categorical" ? categorical : numeric).push(i);
    const [lo, hi] = internalBounds(p);
    low[i] = lo;
    width[i] = hi - lo;
  }
  const k = numeric.length;
  return {
    priors: [...priors],
    numeric: Int32Array.from(numeric),
    categorical: Int32Array.from(categorical),
    low,
    width,
    box: { lower: new Float64Array(k), upper: new Float64Array(k).fill(1) },
  };
}

/**
 * The unit coordinates of the numeric genes of `values` (one value per gene), in order.
 * @example encodeNumeric(geneSpace([logUniformPrior(1, 100)]), [10]) // [0.5]
 */
export function encodeNumeric(space: GeneSpace, values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const idx = space.numeric;
  const x = out ?? new Float64Array(idx.length);
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t]!;
    const w = space.width[i]!;
    const u = w > 0 ? (toInternal(space.priors[i]!, values[i]!) - space.low[i]!) / w : 0.5;
    x[t] = u < 0 ? 0 : u > 1 ? 1 : u;
  }
  return x;
}

/** The value of numeric gene i (a position) at unit coordinate u: on its grid, in its support. */
export function decodeGene(space: GeneSpace, i: number, u: number): number {
  const c = u < 0 ? 0 : u > 1 ? 1 : u;
  return fromInternal(space.priors[i]!, space.low[i]! + c * space.width[i]!);
}

/** Options of {@link crossGenes}. */
export interface CrossGenesOptions {
  /** Probability that a categorical gene comes from the last parent rather than the first. @defaultValue 0.5 */
  readonly swappingProb?: number;
  /** Repair of numeric genes the crossover places outside [0, 1]. @defaultValue \{ kind: "resample" \} */
  readonly repair?: Repair;
}

/**
 * One child of parents given as gene values: numeric genes by `op` on their unit box,
 * categorical genes by a uniform choice between the first and last parent.
 * @param parents - `op.nParents` arrays of one value per gene, each in its prior's support.
 * @returns the child's values, in each prior's support.
 * @throws RangeError if the number or length of parents is wrong or `swappingProb` is not in [0, 1].
 * @example crossGenes(space, [a, b], sbxCrossover(), rng)
 */
export function crossGenes(
  space: GeneSpace,
  parents: readonly ArrayLike<number>[],
  op: Crossover,
  rng: Rng,
  options: CrossGenesOptions = {},
): Float64Array {
  const n = space.priors.length;
  const swap = options.swappingProb ?? 0.5;
  const repair = options.repair ?? { kind: "resample" };
  checkClosed("crossGenes", "swappingProb", swap, 0, 1);
  checkRepair(repair);
  if (parents.length !== op.nParents) {
    throw new RangeError(`crossGenes: ${op.name} takes ${op.nParents} parents, got ${parents.length}`);
  }
  for (let p = 0; p < parents.length; p++) {
    if (parents[p]!.length !== n) {
      throw new RangeError(
        `crossGenes: parents[${p}] must have ${n} values (one per gene), got ${parents[p]!.length}`,
      );
    }
  }
  const child = new Float64Array(n);
  const first = parents[0]!;
  const last = parents[parents.length - 1]!;
  const cat = space.categorical;
  for (let t = 0; t < cat.length; t++) {
    const i = cat[t]!;
    child[i] = rng.random() < swap ? last[i]! : first[i]!;
  }
  const idx = space.numeric;
  if (idx.length > 0) {
    const encoded = parents.map((p) => encodeNumeric(space, p));
    // Shapes are checked above and encoded genes are in [0, 1]: the crossover's own checks are skipped.
    const x = crossover(op, encoded, rng, { box: space.box, repair, trusted: true });
    for (let t = 0; t < idx.length; t++) child[idx[t]!] = decodeGene(space, idx[t]!, x[t]!);
  }
  return child;
}

/** Options of {@link mutateGenes}. */
export interface MutateGenesOptions {
  /** Probability that each gene mutates. @defaultValue 1/n */
  readonly prob?: number;
  /**
   * The mutation of numeric genes on their unit interval; null redraws the gene from its prior
   * (a uniform draw on the unit interval). Categorical genes are always redrawn uniformly.
   * @defaultValue null
   */
  readonly mutation?: Mutation | null;
}

/**
 * Mutates gene values in place: each gene with probability `prob` (one uniform draw per gene,
 * then the operator's draws).
 * @returns `values`.
 * @throws RangeError if `prob` is not in [0, 1] or `values` has the wrong length.
 * @example mutateGenes(space, child, rng, { prob: 0.1, mutation: polynomialMutation() })
 */
export function mutateGenes(
  space: GeneSpace,
  values: Float64Array,
  rng: Rng,
  options: MutateGenesOptions = {},
): Float64Array {
  const n = space.priors.length;
  if (values.length !== n)
    throw new RangeError(`mutateGenes: values must have ${n} entries, got ${values.length}`);
  const prob = options.prob ?? 1 / Math.max(1, n);
  checkClosed("mutateGenes", "prob", prob, 0, 1);
  const mutation = options.mutation ?? null;
  for (let i = 0; i < n; i++) {
    if (!(rng.random() < prob)) continue;
    values[i] = mutateGene(space, i, values[i]!, rng, mutation);
  }
  return values;
}

/** A mutated value of gene i (see {@link mutateGenes}). */
export function mutateGene(
  space: GeneSpace,
  i: number,
  value: number,
  rng: Rng,
  mutation: Mutation | null,
): number {
  const p = space.priors[i]!;
  if (p.kind === "categorical") return rng.int(0, p.n - 1);
  const w = space.width[i]!;
  if (mutation === null) return decodeGene(space, i, rng.random());
  const u = w > 0 ? (toInternal(p, value) - space.low[i]!) / w : 0.5;
  return decodeGene(space, i, mutation.mutateGene(u < 0 ? 0 : u > 1 ? 1 : u, 0, 1, rng));
}
