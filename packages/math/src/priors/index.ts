/**
 * Priors over one hyperparameter: uniform (flat, optionally stepped), log-uniform
 * (reciprocal), integer (stepped or log) and categorical, with sampling, log densities and
 * the transforms to and from the internal space that algorithms work in.
 * @packageDocumentation
 */
export { type CategoricalPriorOptions, categoricalPrior } from "./categorical.js";
export { type IntPriorOptions, intPrior, intSize } from "./int.js";
export { logUniformPrior } from "./log-uniform.js";
export {
  fromInternal,
  internalBounds,
  isDiscretePrior,
  priorContains,
  priorLogPdf,
  samplePrior,
  toInternal,
} from "./prior.js";
export type { CategoricalPrior, IntPrior, LogUniformPrior, Prior, UniformPrior } from "./types.js";
export { type UniformPriorOptions, uniformPrior, uniformSize } from "./uniform.js";
