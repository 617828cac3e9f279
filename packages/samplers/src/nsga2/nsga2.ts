/**
 * NsgaIISampler: NSGA-II (Deb, Pratap, Agarwal and Meyarivan, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002) as a relative sampler, in
 * the manner of Optuna's NSGAIISampler: the generational core of `../population/` (generations
 * and parents in trial system attributes, children by crossover and mutation) with NSGA-II's
 * survival step, under the keys `nsga2:generation` and `nsga2:parents`.
 *
 * Survival (the parents of generation g): generation g − 1 together with g − 1's own parents,
 * whole non-domination fronts (by constrained domination when trials set constraints), then
 * the front that does not fit by crowding distance (`nsgaIISurvival` of `@tunelab/math/genetic`).
 * Tournaments use the crowded comparison (rank, then crowding distance, within the parent
 * population).
 *
 * Differences from Optuna 5.0: parents are chosen by the crowded comparison (Optuna compares
 * by domination only); a trial without constraint values, in a study where other trials set
 * some, ranks after every infeasible trial (as TPE here does; Optuna counts it feasible); the
 * parent population is stored on a trial, not on the study.
 */
import { type Better, crowdedComparison, nsgaIISurvival } from "@tunelab/math/genetic";
import {
  type GenerationalAlgorithm,
  GenerationalSampler,
  type GenerationalSamplerOptions,
  type GenerationKeys,
  type SurvivalInput,
  type SurvivalOutput,
} from "../population/index.js";

/** System attribute keys of the NSGA-II sampler. */
export const NSGA2_KEYS: GenerationKeys = {
  /** Generation of a trial (a number). */
  generation: "nsga2:generation",
  /** The parent population of a generation (`ParentsRecord`). */
  parents: "nsga2:parents",
};

/** Options of {@link NsgaIISampler}, with Optuna's NSGAIISampler names. */
export interface NsgaIISamplerOptions extends GenerationalSamplerOptions {}

/** NSGA-II's step of the generational core. */
const NSGA2: GenerationalAlgorithm = {
  name: "NsgaIISampler",
  keys: NSGA2_KEYS,
  stream: "nsga2",
  extraOptions: [],
  survive(input: SurvivalInput): SurvivalOutput {
    const { points, nObjectives, size, violation } = input;
    return { indices: nsgaIISurvival(points, nObjectives, size, { violation }).indices };
  },
  parentComparison(points: Float64Array, nObjectives: number, violation: Float64Array | null): Better {
    const n = points.length / nObjectives;
    const sv = nsgaIISurvival(points, nObjectives, n, { violation });
    const ranks = new Int32Array(n);
    const crowding = new Float64Array(n);
    for (let k = 0; k < sv.indices.length; k++) {
      ranks[sv.indices[k]!] = sv.ranks[k]!;
      crowding[sv.indices[k]!] = sv.crowding[k]!;
    }
    return crowdedComparison(ranks, crowding);
  },
};

/**
 * NSGA-II for one or several objectives, its generations shared by every worker of a study
 * through trial system attributes.
 *
 * @example
 * ```ts
 * const study = await createStudy({
 *   directions: ["minimize", "minimize"],
 *   sampler: new NsgaIISampler({ populationSize: 50, crossover: { kind: "sbx" }, seed: 1 }),
 * });
 * await study.optimize((t) => {
 *   const x = t.suggestFloat("x", 0, 1);
 *   const y = t.suggestFloat("y", 0, 1);
 *   return [x, 1 - Math.sqrt(x) + y];
 * }, { nTrials: 500 });
 * ```
 */
export class NsgaIISampler extends GenerationalSampler {
  /**
   * @throws RangeError / TypeError on an unknown option, a probability outside [0, 1], a
   *   populationSize below 2 or below the crossover's number of parents, a malformed crossover,
   *   mutation or repair, or a bad seed.
   */
  constructor(options: NsgaIISamplerOptions = {}) {
    super(options, NSGA2);
  }
}
