/**
 * The Sampler interface, the study view samplers read, and shared search-space helpers.
 * @packageDocumentation
 */
export type { Sampler, SearchSpace, StudyView, TrialFilter } from "./sampler.js";
export {
  groupDecomposedSearchSpace,
  type IntersectionOptions,
  IntersectionSearchSpace,
  intersectionSearchSpace,
} from "./search-space.js";
