/**
 * `@tunelab/samplers/nsga2`: NSGA-II as a relative sampler for one or several objectives, with
 * the crossovers and mutations of `@tunelab/math/genetic`, constrained domination from
 * `trial.setConstraint`, and generations shared by every worker through trial system
 * attributes.
 * @packageDocumentation
 */

export type { EliteSelection, EliteSelectionContext, ParentsRecord } from "../population/index.js";
export { NSGA2_KEYS, NsgaIISampler, type NsgaIISamplerOptions } from "./nsga2.js";
