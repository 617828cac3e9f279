/**
 * `@tunelab/samplers/ga`: a single-objective genetic algorithm for mixed search spaces as a
 * relative sampler, with the crossovers and mutations of `@tunelab/math/genetic`, the survival
 * of `@tunelab/math/population/ga`, and generations shared by every worker through trial
 * system attributes.
 * @packageDocumentation
 */
export { GA_KEYS, GeneticSampler, type GeneticSamplerOptions } from "./genetic.js";
