/**
 * `@tunelab/samplers/qmc`: the quasi-Monte Carlo sampler (Sobol or Halton points, point i to
 * trial i), usable alone or as the start-up sampler of TPE, GP and CMA-ES. See README.md.
 * @packageDocumentation
 */
export { QmcSampler, type QmcSamplerOptions } from "./qmc.js";
