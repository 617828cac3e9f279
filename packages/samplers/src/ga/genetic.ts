/**
 * GeneticSampler: a single-objective genetic algorithm for mixed search spaces as a relative
 * sampler: the generational core of `../population/` (generations and parents in trial system
 * attributes, so that every worker in every process breeds from one population; children by
 * the crossovers and mutations of `@tunelab/math/genetic`) with the survival step of
 * `@tunelab/math/population/ga` (`gaSurvive`, the one `GeneticAlgorithm` uses), under the keys
 * `ga:generation` and `ga:parents`.
 *
 * Survival (the parents of generation g ≥ 1) from generation g − 1 together with g − 1's own
 * parents ((μ + λ), μ = λ = `populationSize`):
 * - `{ kind: "elitist" }` (default): the μ best by value (feasible trials first, infeasible ones
 *   by total violation: Deb 2000); the best trial is never lost;
 * - `{ kind: "tournament", size }`: μ tournaments without replacement (Goldberg & Deb 1991).
 * Tournaments for mating compare by the same order (`gaComparison`).
 *
 * Genes (`@tunelab/math/genetic`, `genes.ts`): numeric parameters are crossed on the unit
 * interval of their internal space (log scale for log parameters; integers and steps rounded
 * back), categorical ones take one parent's choice (uniform crossover) and mutate by a uniform
 * redraw. Defaults differ from NsgaIISampler's (Optuna's) on purpose, for a single objective:
 * SBX with η = 15 and polynomial mutation with η = 20 (Deb's real-coded GA), where NSGA-II
 * takes the uniform crossover (which only recombines values) and redraws mutated genes.
 *
 * Optuna has no single-objective GA; its NSGAIISampler with one objective is the analogue (its
 * survival by non-domination rank is then truncation by value, this sampler's elitist survival).
 */
import { polynomialMutation } from "@tunelab/math/genetic";
import { checkGaSurvival, type GaSurvival, gaComparison, gaSurvive } from "@tunelab/math/population/ga";
import type { FrozenTrial, StudyView } from "@tunelab/study";
import {
  type GenerationalAlgorithm,
  GenerationalSampler,
  type GenerationalSamplerOptions,
  type GenerationKeys,
  type SurvivalInput,
  type SurvivalOutput,
} from "../population/index.js";

/** System attribute keys of the GA sampler. */
export const GA_KEYS: GenerationKeys = {
  /** Generation of a trial (a number). */
  generation: "ga:generation",
  /** The parent population of a generation (`ParentsRecord`). */
  parents: "ga:parents",
};

/** Options of {@link GeneticSampler}. */
export interface GeneticSamplerOptions extends Omit<GenerationalSamplerOptions, "elitePopulationSelection"> {
  /**
   * How each generation's parents are chosen from the previous generation and its parents.
   * @defaultValue \{ kind: "elitist" \}
   */
  readonly survival?: GaSurvival;
}

function algorithm(survival: GaSurvival): GenerationalAlgorithm {
  return {
    name: "GeneticSampler",
    keys: GA_KEYS,
    stream: "ga",
    extraOptions: ["survival"],
    survive(input: SurvivalInput): SurvivalOutput {
      return { indices: gaSurvive(input.points, input.size, survival, input.rng, input.violation) };
    },
    parentComparison(points: Float64Array, _nObjectives: number, violation: Float64Array | null) {
      return gaComparison(points, violation);
    },
  };
}

/**
 * A genetic algorithm for one objective over mixed spaces (float, log, int, step, categorical),
 * its generations shared by every worker of a study through trial system attributes.
 *
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new GeneticSampler({ populationSize: 30, seed: 1 }) });
 * await study.optimize((t) => {
 *   const lr = t.suggestFloat("lr", 1e-5, 1e-1, { log: true });
 *   const layers = t.suggestInt("layers", 1, 8);
 *   const opt = t.suggestCategorical("optimizer", ["adam", "sgd"]);
 *   return train({ lr, layers, opt });
 * }, { nTrials: 1000, concurrency: 8 });
 * ```
 */
export class GeneticSampler extends GenerationalSampler {
  /**
   * @throws RangeError / TypeError on an unknown option, a probability outside [0, 1], a
   *   populationSize below 2 or below the crossover's number of parents, a malformed crossover,
   *   mutation, repair or survival, or a bad seed.
   */
  constructor(options: GeneticSamplerOptions = {}) {
    if (options === null || typeof options !== "object")
      throw new TypeError("GeneticSampler: options must be an object");
    if ((options as GenerationalSamplerOptions).elitePopulationSelection !== undefined) {
      throw new TypeError("GeneticSampler: unknown option elitePopulationSelection (use survival)");
    }
    const survival = options.survival ?? { kind: "elitist" };
    checkGaSurvival("GeneticSampler", survival);
    const { survival: _s, ...rest } = options;
    super(
      {
        ...rest,
        crossover: options.crossover ?? { kind: "sbx", eta: 15 },
        mutation: options.mutation === undefined ? polynomialMutation({ eta: 20 }) : options.mutation,
      },
      algorithm(survival),
    );
  }

  /**
   * @throws Error when the study has more than one objective (use NsgaIISampler).
   */
  override beforeTrial(study: StudyView, trial: FrozenTrial): void {
    if (study.directions.length > 1) {
      throw new Error(
        `GeneticSampler: the genetic algorithm optimizes a single objective, but study "${study.studyName}" has ${study.directions.length} directions; use NsgaIISampler or NsgaIIISampler`,
      );
    }
    super.beforeTrial(study, trial);
  }
}
