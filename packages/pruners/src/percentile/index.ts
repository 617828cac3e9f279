/**
 * `@tunelab/pruners/percentile`: the percentile pruner (Optuna semantics).
 * @packageDocumentation
 */
export { PercentilePruner, type PercentilePrunerOptions, percentileAtStep } from "./percentile.js";
