/**
 * `@tunelab/pruners/threshold`: prune a trial whose latest value leaves a range or is NaN
 * (Optuna semantics).
 * @packageDocumentation
 */
export { ThresholdPruner, type ThresholdPrunerOptions } from "./threshold.js";
