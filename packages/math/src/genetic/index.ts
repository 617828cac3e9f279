/**
 * Genetic operators as named, replaceable, pure functions of an explicit `Rng` (in the manner
 * of pymoo's operators): crossovers (uniform, BLX-α, SBX, vSBX, SPX, UNDX) producing one child
 * inside a box; mutations (polynomial, uniform); selection (binary tournaments with the crowded
 * comparison, NSGA-II's survival with constrained domination); and genes of mixed kinds
 * (float, log, integer with step, categorical) described by priors. Shared by NSGA-II and the
 * other population methods.
 * @packageDocumentation
 */
export * from "./crossover/index.js";
export {
  type CrossGenesOptions,
  crossGenes,
  decodeGene,
  encodeNumeric,
  type GeneSpace,
  geneSpace,
  type MutateGenesOptions,
  mutateGene,
  mutateGenes,
} from "./genes.js";
export * from "./mutation/index.js";
export * from "./selection/index.js";
export type { Box, Crossover, Mutation, Repair } from "./types.js";
export { unitBox } from "./validate.js";
