/**
 * `@tunelab/samplers/pso`: ParticleSwarmSampler (constriction or inertia weight, global or ring
 * topology) over `@tunelab/math/population`, on the slot population core of
 * `@tunelab/samplers/de`. See README.md.
 * @packageDocumentation
 */
export { ParticleSwarmSampler, type ParticleSwarmSamplerOptions, PSO_KEYS } from "./pso.js";
