/**
 * `@tunelab/math/population/aco`: ant colony optimization for continuous and mixed domains,
 * ACO_R (Socha & Dorigo 2008) with ACO_MV's ordinal and categorical variables (Liao et al.
 * 2014), as a standalone ask/tell optimizer and the formulas it is made of.
 * @packageDocumentation
 */
export {
  type AcoSolution,
  type AcoVariable,
  AntColony,
  type AntColonyOptions,
  type AntColonyState,
  acoConstruct,
} from "./ant-colony.js";
export { acoCategoricalProbabilities } from "./categorical.js";
export { acoSigma } from "./sigma.js";
export { acoProbabilities, acoWeights } from "./weights.js";
