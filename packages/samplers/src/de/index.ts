/**
 * `@tunelab/samplers/de`: DifferentialEvolutionSampler (SHADE by default, or rand/1/bin) over
 * `@tunelab/math/population`, and the slot population core it shares with
 * `@tunelab/samplers/pso`. See README.md.
 * @packageDocumentation
 */
export { DE_KEYS, DifferentialEvolutionSampler, type DifferentialEvolutionSamplerOptions } from "./de.js";
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
