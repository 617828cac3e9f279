/**
 * `@tunelab/samplers/tpe`: the tree-structured Parzen estimator sampler (single- and
 * multi-objective, constrained, conditional spaces, constant liar).
 * @packageDocumentation
 */
export { defaultGamma, type GammaFunction, hyperoptGamma } from "./gamma.js";
export { TpeSampler, type TpeSamplerOptions } from "./tpe.js";
