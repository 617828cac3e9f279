/**
 * `@tunelab/samplers/brute-force`: every combination of a finite define-by-run space, once.
 * @packageDocumentation
 */
export { BRUTE_FORCE_ORDER_KEY, BruteForceSampler, type BruteForceSamplerOptions } from "./brute-force.js";
