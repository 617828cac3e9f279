/**
 * Trial records: states, FrozenTrial and helpers.
 * @packageDocumentation
 */
export {
  CONSTRAINTS_KEY,
  constraintViolation,
  createFrozenTrial,
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
export { isFinished, type JsonValue, type StudyDirection, TrialState } from "./state.js";
