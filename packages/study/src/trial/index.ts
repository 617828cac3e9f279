/**
 * Trial records: states, FrozenTrial and helpers.
 * @packageDocumentation
 */

export { BestTrialTracker, bestTrialOf, ParetoFrontTracker } from "./best.js";
export { FixedTrial, type FixedTrialOptions } from "./fixed.js";
export {
  CONSTRAINTS_KEY,
  constraintViolation,
  createFrozenTrial,
  durationOf,
  externalParams,
  FAIL_REASON_KEY,
  FIXED_PARAMS_KEY,
  type FrozenTrial,
  type FrozenTrialInit,
  isFeasible,
  lastIntermediateValue,
  type ParamValue,
  trialConstraints,
} from "./frozen.js";
export { IntermediateValues } from "./intermediate-values.js";
export {
  encodeIntermediateVector,
  INTERMEDIATE_VECTOR_PREFIX,
  intermediateVectorKey,
  intermediateVectors,
} from "./intermediate-vectors.js";
export { trialLowerBound } from "./lower-bound.js";
export { isFinished, isTrialState, type JsonValue, type StudyDirection, TrialState } from "./state.js";
export type { Trial } from "./trial.js";
