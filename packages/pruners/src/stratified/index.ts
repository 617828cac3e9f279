/**
 * `@tunelab/pruners/stratified`: a wrapped pruner that compares each trial only with the
 * trials of its own stratum (e.g. the same number of epochs). No Optuna equivalent.
 * @packageDocumentation
 */
export { paramStratum, StratifiedPruner, type StratifiedPrunerOptions } from "./stratified.js";
