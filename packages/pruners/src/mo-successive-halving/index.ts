/**
 * `@tunelab/pruners/mo-successive-halving`: asynchronous successive halving for several
 * objectives (MO-ASHA, Schmucker et al. 2021): rungs ranked by non-domination rank, then
 * crowding distance.
 * @packageDocumentation
 */
export {
  isMoPromotable,
  MoSuccessiveHalvingPruner,
  type MoSuccessiveHalvingPrunerOptions,
  moCompletedRungKey,
} from "./mo-successive-halving.js";
