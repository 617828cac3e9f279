/**
 * Box-constrained real functions: the {@link BoxFunction} shape shared by the continuous
 * test functions, and helpers to convert between vectors and parameter records.
 * @packageDocumentation
 */
export {
  type BoxFunction,
  type BoxFunctionDefinition,
  boxSpace,
  checkDimension,
  filled,
  type MultiBoxFunction,
  makeBoxFunction,
  parameterNames,
  paramsToVector,
  vectorToParams,
} from "./box-function.js";
