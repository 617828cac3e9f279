/**
 * `@tunelab/samplers/nsga3`: NSGA-III as a relative sampler for one or several (typically
 * three and more) objectives: NsgaIISampler's generational core with NSGA-III's niche-preserving
 * survival on normalized objectives and reference points (Das–Dennis by default, or your own),
 * constrained domination from `trial.setConstraint`, and generations shared by every worker
 * through trial system attributes.
 * @packageDocumentation
 */

export type { EliteSelection, EliteSelectionContext, ParentsRecord } from "../population/index.js";
export { NSGA3_KEYS, NsgaIIISampler, type NsgaIIISamplerOptions } from "./nsga3.js";
