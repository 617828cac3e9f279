/**
 * Noisy variants of any single-objective test function, seeded and keyed by the point so that
 * runs are reproducible regardless of evaluation order.
 * @packageDocumentation
 */
export {
  type AdditiveNoise,
  hashParams,
  type MultiplicativeNoise,
  type NoiseModel,
  type NoisyFunction,
  type NoisyOptions,
  noisy,
} from "./noisy.js";
