/**
 * `@tunelab/samplers/partial-fixed`: fix some parameters, sample the rest with a base sampler.
 * @packageDocumentation
 */
export { type FixedParams, PartialFixedSampler } from "./partial-fixed.js";
