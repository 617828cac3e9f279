/**
 * NsgaIIISampler: NSGA-III (Deb and Jain, "An evolutionary many-objective optimization
 * algorithm using reference-point-based nondominated sorting approach, part I", IEEE TEVC
 * 18(4), 2014; constraints as in part II, Jain and Deb, IEEE TEVC 18(4), 2014) as a relative
 * sampler, in the manner of Optuna 5.0's NSGAIIISampler: the generational core of
 * `../population/` that NsgaIISampler uses too (generations and parents in trial system
 * attributes, children by the same crossovers and mutations, the same options), with
 * NSGA-III's survival step, under its own keys `nsga3:generation` and `nsga3:parents`.
 *
 * Survival (the parents of generation g, from generation g − 1 and g − 1's parents):
 * whole non-domination fronts (by constrained domination when trials set constraints: feasible
 * first, then by total violation), then the front that does not fit by niches
 * (`nsga3Select` of `@tunelab/math/pareto`): objectives normalized by the ideal point and the
 * intercepts of the hyperplane through the extreme points, each point associated with the
 * nearest reference line, and the front's members added to the least crowded reference
 * points first. The ideal point, the worst point and the extremes are remembered from one
 * generation to the next (Blank, Deb and Roy, EMO 2019, as pymoo): they are stored with the
 * parents record (its `state`), so every worker normalizes alike. Niching ties are drawn from
 * a generator keyed by the seed and the generation.
 *
 * Tournaments compare the parents' (constrained) non-domination ranks only, ties to the first
 * drawn: NSGA-III has no crowding distance (Deb and Jain draw parents at random; Optuna 5.0
 * reuses NSGA-II's tournament by domination).
 *
 * Differences from Optuna 5.0: the normalization remembers the ideal, worst and extreme points
 * across generations and takes the extremes from the first front (Optuna normalizes the
 * selected fronts alone, every generation afresh); infinite objective values are mapped beyond
 * the finite range as Optuna's `_filter_inf` does (3 ranges past the finite extremes) before
 * normalization; trials without constraint values rank after infeasible ones (as NsgaIISampler).
 */
import { type Better, constrainedRanks } from "@tunelab/math/genetic";
import { type Nsga3Memory, nsga3Select } from "@tunelab/math/pareto";
import type { FrozenTrial, JsonValue, StudyView } from "@tunelab/study";
import {
  type GenerationalAlgorithm,
  GenerationalSampler,
  type GenerationalSamplerOptions,
  type GenerationKeys,
  type SurvivalInput,
  type SurvivalOutput,
} from "../population/index.js";
import { checkReferencePoints, defaultReferencePoints } from "./reference-points.js";

/** System attribute keys of the NSGA-III sampler (never NSGA-II's: the two never mix). */
export const NSGA3_KEYS: GenerationKeys = {
  /** Generation of a trial (a number). */
  generation: "nsga3:generation",
  /** The parent population of a generation (`ParentsRecord`, its `state` the normalization memory). */
  parents: "nsga3:parents",
};

const NAME = "NsgaIIISampler";

/** Options of {@link NsgaIIISampler}: NsgaIISampler's, and the reference points (Optuna 5.0's NSGAIIISampler names). */
export interface NsgaIIISamplerOptions extends GenerationalSamplerOptions {
  /**
   * Reference points, one row per point and one column per objective: finite, ≥ 0, not all
   * zero (a direction from the ideal point in the normalized objective space; their scale does
   * not matter). Points gathered near one region draw the population there.
   * @defaultValue Das–Dennis points with `dividingParameter` divisions (10 for 3 objectives)
   */
  readonly referencePoints?: readonly (readonly number[])[];
  /**
   * Divisions per axis of the default Das–Dennis reference points, C(H + M − 1, M − 1) of them
   * for M objectives (ignored when `referencePoints` is given, as in Optuna).
   * @defaultValue 3 (Optuna's default)
   */
  readonly dividingParameter?: number;
}

/** A memory read back from a stored record, or undefined when it is not one for M objectives. */
function memoryOf(state: JsonValue | undefined, m: number): Nsga3Memory | undefined {
  if (state === null || state === undefined || typeof state !== "object" || Array.isArray(state)) {
    return undefined;
  }
  const r = state as { readonly [key: string]: JsonValue };
  const ok = (v: JsonValue | undefined, lengths: readonly number[]): v is readonly number[] =>
    Array.isArray(v as unknown) &&
    lengths.includes((v as readonly JsonValue[]).length) &&
    (v as readonly JsonValue[]).every((x) => typeof x === "number" && Number.isFinite(x));
  if (!ok(r.ideal, [m]) || !ok(r.worst, [m]) || !ok(r.extremes, [0, m * m])) return undefined;
  return { ideal: r.ideal, worst: r.worst, extremes: r.extremes };
}

/**
 * The points with ±Infinity replaced by finite values 3 ranges beyond each objective's finite
 * extremes (Optuna 5.0's `_filter_inf` in `_elite_population_selection_strategy.py`; a range
 * of 0 takes 1), since the normalization needs finite values. The same array when all are finite.
 */
function finiteForNormalization(points: Float64Array, m: number): Float64Array {
  if (points.every((v) => Number.isFinite(v))) return points;
  const out = Float64Array.from(points);
  const n = points.length / m;
  for (let k = 0; k < m; k++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = points[i * m + k]!;
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) lo = hi = 0;
    const margin = 3 * (hi - lo || 1);
    for (let i = 0; i < n; i++) {
      const v = points[i * m + k]!;
      if (v === Number.POSITIVE_INFINITY) out[i * m + k] = hi + margin;
      else if (v === Number.NEGATIVE_INFINITY) out[i * m + k] = lo - margin;
    }
  }
  return out;
}

/** NSGA-III's step of the generational core, with its reference points. */
function nsga3Algorithm(options: NsgaIIISamplerOptions): GenerationalAlgorithm & {
  directions(nObjectives: number): Float64Array;
} {
  const given =
    options?.referencePoints === undefined ? null : checkReferencePoints(NAME, options.referencePoints);
  const h = options?.dividingParameter ?? 3;
  if (!(Number.isSafeInteger(h) && h >= 1)) {
    throw new RangeError(`${NAME}: dividingParameter must be an integer >= 1, got ${String(h)}`);
  }
  const defaults = new Map<number, Float64Array>();
  const directions = (m: number): Float64Array => {
    if (given !== null) {
      if (given.dims !== m) {
        throw new RangeError(
          `${NAME}: referencePoints must have one column per objective (${m}), got ${given.dims}`,
        );
      }
      return given.data;
    }
    let d = defaults.get(m);
    if (d === undefined) {
      d = defaultReferencePoints(NAME, m, h);
      defaults.set(m, d);
    }
    return d;
  };
  return {
    name: NAME,
    keys: NSGA3_KEYS,
    stream: "nsga3",
    extraOptions: ["referencePoints", "dividingParameter"],
    directions,
    survive(input: SurvivalInput): SurvivalOutput {
      const { points, nObjectives: m, violation, size, previous, rng } = input;
      const n = points.length / m;
      // An empty pool (another process's generation whose trials this one has not seen yet).
      if (n === 0) return previous === undefined ? { indices: [] } : { indices: [], state: previous };
      const ranks = constrainedRanks(points, m, violation);
      const sel = nsga3Select(
        finiteForNormalization(points, m),
        m,
        ranks,
        directions(m),
        Math.min(size, n),
        rng,
        memoryOf(previous, m),
      );
      return { indices: sel.indices, state: sel.memory as unknown as JsonValue };
    },
    parentComparison(points: Float64Array, nObjectives: number, violation: Float64Array | null): Better {
      const ranks = constrainedRanks(points, nObjectives, violation);
      return (a, b) => ranks[a]! < ranks[b]!;
    },
  };
}

/**
 * NSGA-III for one or several (typically three and more) objectives, its generations shared
 * by every worker of a study through trial system attributes.
 *
 * @example
 * ```ts
 * const study = await createStudy({
 *   directions: ["minimize", "minimize", "minimize"], // loss, GPU-hours, memory
 *   sampler: new NsgaIIISampler({ populationSize: 92, crossover: { kind: "sbx" }, seed: 1 }),
 * });
 * ```
 */
export class NsgaIIISampler extends GenerationalSampler {
  private readonly referenceDirections: (nObjectives: number) => Float64Array;

  /**
   * @throws RangeError / TypeError on NsgaIISampler's bad options, on `referencePoints` that
   *   are not a non-empty array of rows of one length with finite entries ≥ 0 (not all zero),
   *   or on a `dividingParameter` that is not an integer ≥ 1.
   */
  constructor(options: NsgaIIISamplerOptions = {}) {
    const algorithm = nsga3Algorithm(options);
    super(options, algorithm);
    this.referenceDirections = algorithm.directions;
  }

  /**
   * Checks the reference points against the study's number of objectives before the first
   * generation is spent, then starts the trial as every generational sampler does.
   * @throws RangeError when `referencePoints` has another number of columns than the study
   *   has objectives, or the default lattice would be too large.
   */
  override beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.referenceDirections(study.directions.length);
    super.beforeTrial(study, trial);
  }
}
