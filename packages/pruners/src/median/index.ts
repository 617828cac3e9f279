/**
 * `@tunelab/pruners/median`: the median stopping rule (Optuna semantics).
 * @packageDocumentation
 */
export { MedianPruner } from "./median.js";
