/**
 * Pareto tools for multi-objective optimization (all objectives minimized): non-dominated
 * sorting, crowding distance, exact hypervolume, exclusive hypervolume contributions, greedy
 * hypervolume subset selection, selection by rank then hypervolume, MOTPE's reference
 * point, and NSGA-III's normalization and niche-preserving selection. Points are row-major Float64Arrays of shape N×m.
 * @packageDocumentation
 */
export { crowdingDistance } from "./crowding-distance.js";
export { hypervolume } from "./hypervolume.js";
export { hypervolumeContributions } from "./hypervolume-contributions.js";
export {
  dominates,
  type NonDominatedRanksOptions,
  type NonDominatedSortAlgorithm,
  nonDominatedRanks,
  paretoFrontIndices,
  paretoFronts,
} from "./non-dominated-sort.js";
export {
  type Nsga3Memory,
  type Nsga3Normalization,
  nsga3Normalization,
} from "./nsga3-normalization.js";
export { type Nsga3Selection, nsga3Select } from "./nsga3-selection.js";
export { rankHypervolumeSelection } from "./rank-hypervolume-selection.js";
export { referencePoint } from "./reference-point.js";
export { hypervolumeSubsetSelection } from "./subset-selection.js";
