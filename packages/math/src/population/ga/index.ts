/**
 * `@tunelab/math/population/ga`: a real-coded single-objective genetic algorithm as a
 * standalone ask/tell optimizer, assembled from the operators of `@tunelab/math/genetic`, and
 * its survival step (elitist (μ + λ) or tournament), which `GeneticSampler` shares.
 * @packageDocumentation
 */
export {
  type GaMutationSpec,
  type GaSolution,
  GeneticAlgorithm,
  type GeneticAlgorithmOptions,
  type GeneticAlgorithmState,
} from "./genetic-algorithm.js";
export { checkGaSurvival, type GaSurvival, gaComparison, gaSurvive } from "./survival.js";
