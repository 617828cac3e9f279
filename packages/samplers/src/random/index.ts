/**
 * `@tunelab/samplers/random`: independent uniform sampling.
 * @packageDocumentation
 */
export { RandomSampler, type RandomSamplerOptions } from "./random.js";
