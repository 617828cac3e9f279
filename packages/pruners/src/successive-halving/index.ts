/**
 * `@tunelab/pruners/successive-halving`: asynchronous successive halving (Li et al. 2018).
 * @packageDocumentation
 */
export {
  completedRungKey,
  currentRung,
  estimateMinResource,
  isPromotable,
  SuccessiveHalvingPruner,
  type SuccessiveHalvingPrunerOptions,
} from "./successive-halving.js";
