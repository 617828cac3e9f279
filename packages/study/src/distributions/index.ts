/**
 * Parameter distributions: records, validation, internal/external conversions, priors and
 * Optuna-compatible JSON.
 * @packageDocumentation
 */
export {
  type CategoricalChoice,
  type CategoricalDistribution,
  categoricalDistribution,
  type Distribution,
  describeDistribution,
  distributionIncompatibility,
  distributionsEqual,
  type FloatDistribution,
  type FloatOptions,
  floatDistribution,
  type IntDistribution,
  type IntOptions,
  intDistribution,
  isSingleValue,
  roundGridValue,
  validateDistribution,
} from "./distribution.js";
export { type DistributionJson, distributionFromJson, distributionToJson } from "./json.js";
export {
  choiceIndex,
  containsInternal,
  distributionToPrior,
  snapInternal,
  toExternal,
  toInternal,
} from "./repr.js";
