/**
 * `@tunelab/samplers/gp`: Gaussian-process Bayesian optimization (`GpSampler`): log EI for
 * one objective, log EI with feasibility GPs for constraints, log EHVI for several
 * objectives, the kriging believer for RUNNING trials, over the math of `@tunelab/math/gp`.
 * @packageDocumentation
 */

export { type Branch, type BranchStructure, branchStructure } from "./branches.js";
export { type GpAcquisitionOptimizerOptions, GpSampler, type GpSamplerOptions, referenceOf } from "./gp.js";
export { type GpObservations, gpObservations } from "./observations.js";
export { GpSlot, type RefitPolicy } from "./refit.js";
export { type GpSpace, gpDimension, gpSpace, toInternalValue } from "./space.js";
export { type GpOutputWarping, hasPlateau, warpOutputs } from "./warp.js";
