/**
 * Population methods as standalone ask/tell optimizers over a box (minimization), each with a
 * seeded stream and a JSON state: differential evolution (rand/1/bin; SHADE's
 * current-to-pbest/1/bin with archive and success-history adaptation) and particle swarm
 * (constriction or inertia weight; global or ring topology). The generation steps are exported
 * as pure functions of a JSON state for samplers that keep the population in a study. See
 * README.md.
 * @packageDocumentation
 */
export * from "./aco/index.js";
export {
  AskBook,
  type AskBookState,
  type PendingAsk,
  type PopulationSolution,
  type ToldResult,
} from "./ask-book.js";
export { type Box, type PopulationBounds, resolveBox, uniformInBox } from "./box.js";
export {
  type DeStrategy,
  DifferentialEvolution,
  type DifferentialEvolutionOptions,
  type DifferentialEvolutionState,
  resolveDeOptions,
} from "./de.js";
export {
  type DeGenerationState,
  type DeMember,
  type DeResult,
  type DeTrial,
  initialDeState,
  nextDeGeneration,
  proposeDeTrial,
  type ResolvedDeStrategy,
} from "./de-generation.js";
export { binomialCrossover, currentToPBest1Mutant, midpointRepair, rand1Mutant } from "./de-operators.js";
export * from "./ga/index.js";
export {
  ParticleSwarm,
  type ParticleSwarmOptions,
  type ParticleSwarmState,
  type PsoVariant,
  psoRuleAt,
  type ResolvedPsoOptions,
  type ResolvedPsoVariant,
  resolvePsoOptions,
} from "./pso.js";
export {
  initialSwarm,
  nextSwarm,
  type PsoResult,
  type PsoSwarmState,
  withPersonalBests,
} from "./pso-swarm.js";
export {
  constrictionFactor,
  inertiaWeight,
  moveParticle,
  neighbourhoodBest,
  type PsoRule,
  type PsoTopology,
} from "./pso-update.js";
export {
  improvementWeights,
  initialShadeMemory,
  type ShadeMemory,
  sampleCr,
  sampleF,
  updateShadeMemory,
  weightedLehmerMean,
  weightedMean,
} from "./shade-memory.js";
