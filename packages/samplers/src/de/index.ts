/**
 * `@tunelab/samplers/de`: DifferentialEvolutionSampler (SHADE by default, or rand/1/bin) over
 * `@tunelab/math/population`, on the slot population core of `@tunelab/samplers/population`
 * that it shares with `@tunelab/samplers/pso`. See README.md.
 * @packageDocumentation
 */
export { DE_KEYS, DifferentialEvolutionSampler, type DifferentialEvolutionSamplerOptions } from "./de.js";
