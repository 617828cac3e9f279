/**
 * `@tunelab/samplers/population`: the generational core that the population samplers share
 * (NSGA-II, NSGA-III): generations and parent populations kept in trial system attributes,
 * children bred by the crossovers and mutations of `@tunelab/math/genetic`, and the survival
 * step as a parameter ({@link GenerationalAlgorithm}).
 * @packageDocumentation
 */

export {
  type EliteSelection,
  type EliteSelectionContext,
  type GenerationalAlgorithm,
  GenerationalSampler,
  type GenerationalSamplerOptions,
  type SurvivalInput,
  type SurvivalOutput,
} from "./generational.js";
export {
  GenerationHistory,
  type GenerationKeys,
  generationOf,
  type Held,
  type ParentsRecord,
} from "./history.js";
