/**
 * The GP sampler's search space: the study's distributions of the relative search space as
 * the dimensions of `@tunelab/math/gp` (whose `normalize` maps internal values to the unit
 * cube), in a fixed order of parameter names.
 *
 * | distribution | GP dimension | cube coordinate |
 * |---|---|---|
 * | float [a, b] | float | (x − a)/(b − a) |
 * | float, log | float, log | through log x |
 * | float with step s | float with step (cells of width s) | on the grid of cell centres |
 * | int (step s, or log) | int | as above (log ints through log, cells [k − ½, k + ½]) |
 * | categorical (c choices) | categorical | the choice index 0..c − 1 (Hamming kernel) |
 *
 * The internal value of a study parameter is the number the GP dimension takes, so a row
 * of internal values is a row of `normalize`'s input.
 */
import type { GpDimension } from "@tunelab/math/gp";
import { type Distribution, describeDistribution, type SearchSpace, snapInternal } from "@tunelab/study";

/** The relative search space of one trial as the GP sees it. */
export interface GpSpace {
  /** Parameter names, in the order of the cube's coordinates. */
  readonly names: readonly string[];
  /** The study's distribution of each name. */
  readonly distributions: readonly Distribution[];
  /** The GP dimension of each name. */
  readonly dimensions: readonly GpDimension[];
  /** 1 where the dimension is categorical (the kernel's mask). */
  readonly categorical: Uint8Array;
  /** Identifies the space: the same key means the same names and distributions, in order. */
  readonly key: string;
}

/** The GP dimension of a (not single-valued) distribution. */
export function gpDimension(d: Distribution): GpDimension {
  if (d.kind === "categorical") return { kind: "categorical", choices: d.choices.length };
  if (d.kind === "int") return { kind: "int", low: d.low, high: d.high, log: d.log, step: d.step };
  return d.step === null
    ? { kind: "float", low: d.low, high: d.high, log: d.log }
    : { kind: "float", low: d.low, high: d.high, step: d.step };
}

/**
 * The GP space of a relative search space, names in the order of `Object.keys` (the order
 * the intersection keeps, the order the parameters were first suggested).
 */
export function gpSpace(searchSpace: SearchSpace): GpSpace {
  const names = Object.keys(searchSpace);
  const distributions = names.map((n) => searchSpace[n]!);
  const dimensions = distributions.map(gpDimension);
  const categorical = Uint8Array.from(distributions, (d) => (d.kind === "categorical" ? 1 : 0));
  const key = JSON.stringify(names.map((n, j) => [n, describeDistribution(distributions[j]!)]));
  return { names, distributions, dimensions, categorical, key };
}

/**
 * The internal value of coordinate j from the value `unnormalize` gives: snapped onto the
 * distribution (bounds, grid, choice index) so that rounding in the cube map never leaves it.
 */
export function toInternalValue(space: GpSpace, j: number, value: number): number {
  return snapInternal(space.distributions[j]!, value);
}
