/**
 * `@tunelab/samplers/population`: the cores that the population samplers share, both keeping
 * generations and populations in trial system attributes: the generational core (NSGA-II,
 * NSGA-III, the GA and ACO's history: children bred by the crossovers and mutations of
 * `@tunelab/math/genetic`, the survival step as a parameter, {@link GenerationalAlgorithm})
 * and the slot core (DE, PSO: each trial of a generation fills one slot of the population,
 * {@link SlotPopulationSampler}), with the unit-box map of a mixed space ({@link UnitSpace}).
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
export {
  checkSlotOptions,
  SLOT_OPTIONS,
  type SlotAlgorithm,
  type SlotContext,
  type SlotKeys,
  type SlotMember,
  SlotPopulationSampler,
  type SlotSamplerOptions,
  slotOf,
} from "./slot-sampler.js";
export { UnitSpace } from "./unit-space.js";
