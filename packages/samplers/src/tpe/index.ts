/**
 * `@tunelab/samplers/tpe`: the tree-structured Parzen estimator sampler (single- and
 * multi-objective, constrained, conditional spaces, constant liar), an adapter over
 * `@tunelab/math/tpe` (which also has the study-free `TpeOptimizer`).
 * @packageDocumentation
 */
export { defaultGamma, type GammaFunction, hyperoptGamma } from "@tunelab/math/tpe";
export { TpeSampler, type TpeSamplerOptions } from "./tpe.js";
