/**
 * `@tunelab/pruners/dominance`: pruning for several objectives: stop a trial whose
 * intermediate vector is Pareto-dominated by more than a share of the trials that reached
 * its step.
 * @packageDocumentation
 */
export { DominancePruner, type DominancePrunerOptions, dominates } from "./dominance.js";
