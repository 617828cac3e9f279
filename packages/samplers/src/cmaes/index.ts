/**
 * `@tunelab/samplers/cmaes`: CMA-ES as a relative sampler (full, separable, with margin, with
 * learning-rate adaptation, warm-started, IPOP/BIPOP restarts), its state shared by every
 * worker of a study through trial system attributes.
 * @packageDocumentation
 */
export {
  CmaEsSampler,
  type CmaEsSamplerBaseOptions,
  type CmaEsSamplerFullOptions,
  type CmaEsSamplerOptions,
  type CmaEsSamplerSeparableOptions,
} from "./cmaes.js";
export { CMA_KEYS, type CmaOptimizerState, type CmaStateRecord } from "./history.js";
export type {
  CmaEsCentreStart,
  CmaEsPointStart,
  CmaEsStart,
  CmaEsWarmStart,
} from "./start.js";
