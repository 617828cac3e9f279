/**
 * `@tunelab/pruners/wilcoxon`: prune a trial that a paired signed-rank test over instances
 * (steps as instance ids) finds worse than the best trial (Optuna 5.0 semantics).
 * @packageDocumentation
 */
export { SIGN_FLIP_MAX_N, signedRankPValue, signFlipPValue } from "./p-value.js";
export { WilcoxonPruner, type WilcoxonPrunerOptions } from "./wilcoxon.js";
