/**
 * `@tunelab/math/tpe`: the tree-structured Parzen estimator without studies. The split of
 * observations into below and above (single objective, MOTPE's ranks and hypervolume, pruned
 * and infeasible observations), MOTPE's below weights, the TPE step (two Parzen estimators,
 * candidates from l, the best log l − log g) and `TpeOptimizer`, a standalone ask/tell
 * optimizer over a box of priors with `toJSON` / `fromJSON`.
 * @packageDocumentation
 */
export { belowCount, defaultGamma, type GammaFunction, hyperoptGamma } from "./gamma.js";
export { hypervolumeWeights } from "./hypervolume-weights.js";
export {
  type PriorState,
  TpeOptimizer,
  type TpeOptimizerFunctions,
  type TpeOptimizerOptions,
  type TpeOptimizerState,
  type TpeSolution,
} from "./optimizer.js";
export {
  type ResolvedTpeOptions,
  resolveTpeOptions,
  type TpeEstimatorOptions,
  type TpeOptions,
  type TpeStepOptions,
  tpeStepOptions,
} from "./options.js";
export { type SplitCandidates, selectBelow } from "./split.js";
export { type TpeObservations, tpeStep } from "./step.js";
