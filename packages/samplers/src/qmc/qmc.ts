/**
 * QmcSampler: trial i takes point i of a Sobol or Halton sequence (`@tunelab/math/qmc`),
 * mapped from the unit cube to the search space, in the manner of Optuna 5.0's `QMCSampler`.
 *
 * Semantics (Optuna's, with the differences stated):
 * - **The search space is fixed by the first finished trial**: the distributions of the
 *   COMPLETE or PRUNED trial with the lowest number. Before any trial finishes, the union of
 *   the running trials' distributions; with none, the space is empty and the whole trial goes
 *   to the independent sampler (usually trial 0). Parameters outside the fixed space (or with
 *   another distribution under the same name) go to the independent sampler too.
 * - **Point index = trial number** (Optuna counts sampled points in a study system attribute
 *   instead). So many workers in many processes draw different points with no coordination and
 *   no shared counter, and a study is the same whatever its concurrency. Point 0 usually goes
 *   unused (trial 0 has no space yet); trials 1 … 2^m - 1 with trial 0's point still hold
 *   2^m - 1 points of the net.
 * - **Dimension order** is the parameter names sorted by code unit (Optuna: the order of the
 *   first trial's distributions), so every process orders them the same way whatever the
 *   storage returns.
 * - **Mapping** from u ∈ [0, 1) to a parameter: the internal interval of its prior
 *   (`internalBounds`: log scale for log parameters; the cells [low − step/2, high + step/2] of
 *   stepped and integer ones, [log(low − ½), log(high + ½)] for log integers; [−½, n − ½] for
 *   categoricals, so choice k takes u ∈ [k/n, (k+1)/n), as Optuna's floor(u·n)) scaled by u, then
 *   `fromInternal` (exp, rounding to the grid, clamping).
 * - As an **independent sampler** of another sampler (TPE, GP, CMA-ES start-up trials),
 *   `sampleIndependent` answers a parameter of the fixed space with its coordinate of point
 *   `trial.number`, so the other sampler's start-up trials are QMC points.
 */

import { fromInternal, internalBounds, type Prior } from "@tunelab/math/priors";
import {
  HALTON_MAX_DIMENSION,
  Halton,
  type HaltonOptions,
  type QmcEngine,
  SOBOL_MAX_DIMENSION,
  Sobol,
} from "@tunelab/math/qmc";
import {
  type Distribution,
  distributionsEqual,
  distributionToPrior,
  type FrozenTrial,
  getKey,
  log,
  type Sampler,
  type SearchSpace,
  type StudyView,
  setKey,
  TrialState,
} from "@tunelab/study";
import { RandomSampler } from "../random/random.js";
import { resolveSeed } from "../seed/index.js";

/** Options of {@link QmcSampler} (Optuna 5.0's `QMCSampler` arguments). */
export interface QmcSamplerOptions {
  /**
   * The sequence: `"sobol"` (Joe–Kuo direction numbers, up to 1,024 parameters; best at 2^m
   * trials) or `"halton"` (the first primes as bases).
   * @defaultValue "sobol"
   */
  readonly qmcType?: "sobol" | "halton";
  /**
   * Randomize the sequence with the seed (Sobol: linear matrix scramble + digital shift;
   * Halton: random digit permutations). Every worker must then use the same seed, or the points
   * of different workers no longer form one low-discrepancy set.
   * @defaultValue false (as Optuna: simple for distributed runs)
   */
  readonly scramble?: boolean;
  /**
   * Seed of the scrambling and of the default independent sampler.
   * @defaultValue a random seed from the OS (see `sampler.seed`)
   */
  readonly seed?: number;
  /**
   * Sampler of the trials before the space is known and of parameters outside it.
   * @defaultValue `new RandomSampler({ seed })`
   */
  readonly independentSampler?: Sampler;
  /**
   * Log a warning when a parameter of a trial after the first finished one is sampled by the
   * independent sampler (a dynamic search space), once per parameter name.
   * @defaultValue true
   */
  readonly warnIndependentSampling?: boolean;
  /**
   * Log a warning when `scramble` is true and no seed was given (each process would scramble
   * differently).
   * @defaultValue true
   */
  readonly warnAsynchronousSeeding?: boolean;
}

const OPTION_KEYS: ReadonlySet<string> = new Set([
  "qmcType",
  "scramble",
  "seed",
  "independentSampler",
  "warnIndependentSampling",
  "warnAsynchronousSeeding",
]);

interface FixedSpace {
  /** Parameter names in dimension order (sorted). */
  readonly names: readonly string[];
  readonly distributions: readonly Distribution[];
  readonly priors: readonly Prior[];
  /** Dimension of each name. */
  readonly index: Map<string, number>;
}

/**
 * A quasi-Monte Carlo sampler: trial i takes point i of a Sobol or Halton sequence.
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new QmcSampler({ qmcType: "sobol", scramble: true, seed: 42 }) });
 * // As the start-up sampler of TPE: its first 10 trials are QMC points.
 * new TpeSampler({ nStartupTrials: 10, ... }) // see the README for each sampler's option
 * ```
 */
export class QmcSampler implements Sampler {
  /** The sequence in use. */
  readonly qmcType: "sobol" | "halton";
  /** Whether the sequence is scrambled. */
  readonly scramble: boolean;
  private currentSeed: number;
  private readonly independent: Sampler;
  private readonly ownsIndependent: boolean;
  private readonly warnIndependent: boolean;
  private readonly warned = new Set<string>();
  /** Engines by dimension (an engine depends only on d, the type, scramble and the seed). */
  private engines = new Map<number, QmcEngine>();
  /** The last fixed space built, by the trial whose distributions define it. */
  private lastSpace: { source: SearchSpace; space: FixedSpace } | undefined;

  /**
   * @throws TypeError or RangeError naming the option for an unknown option, a `qmcType` other
   * than "sobol" or "halton", a non-boolean flag, a seed that is not a safe integer, or an
   * `independentSampler` that is not a Sampler.
   */
  constructor(options: QmcSamplerOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("QmcSampler: options must be an object");
    }
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.has(key)) {
        throw new TypeError(`QmcSampler: unknown option "${key}" (allowed: ${[...OPTION_KEYS].join(", ")})`);
      }
    }
    const qmcType = options.qmcType ?? "sobol";
    if (qmcType !== "sobol" && qmcType !== "halton") {
      throw new RangeError(`QmcSampler: qmcType must be "sobol" or "halton", got ${JSON.stringify(qmcType)}`);
    }
    for (const flag of ["scramble", "warnIndependentSampling", "warnAsynchronousSeeding"] as const) {
      const v = options[flag];
      if (v !== undefined && typeof v !== "boolean") {
        throw new TypeError(`QmcSampler: ${flag} must be a boolean, got ${String(v)}`);
      }
    }
    const given = options.independentSampler;
    if (given !== undefined && (given === null || typeof given.sampleIndependent !== "function")) {
      throw new TypeError("QmcSampler: independentSampler must be a Sampler");
    }
    this.qmcType = qmcType;
    this.scramble = options.scramble ?? false;
    this.currentSeed = resolveSeed("QmcSampler", options.seed);
    this.independent = given ?? new RandomSampler({ seed: this.currentSeed });
    this.ownsIndependent = given === undefined;
    this.warnIndependent = options.warnIndependentSampling ?? true;
    if (this.scramble && options.seed === undefined && (options.warnAsynchronousSeeding ?? true)) {
      log(
        "warn",
        `QmcSampler: scramble is true and no seed was given, so the seed ${this.currentSeed} was drawn at random; workers in other processes must use the same seed to share one sequence. Pass warnAsynchronousSeeding: false to silence this warning.`,
      );
    }
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Uses a new seed: the scrambling (when `scramble` is true) and the default independent
   * sampler change; an unscrambled sequence does not depend on the seed. A given independent
   * sampler is reseeded too when it has a `reseed` method.
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("QmcSampler.reseed", seed);
    this.engines = new Map();
    const r = (this.independent as { reseed?: (seed?: number) => void }).reseed;
    if (typeof r === "function") r.call(this.independent, this.ownsIndependent ? this.currentSeed : seed);
  }

  inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): SearchSpace {
    const finished = study.getTrials({ states: [TrialState.COMPLETE, TrialState.PRUNED] });
    const first = finished[0]; // trials come ordered by number
    if (first !== undefined) return first.distributions;
    const union: Record<string, Distribution> = {};
    for (const t of study.getTrials({ states: [TrialState.RUNNING] })) {
      for (const name of Object.keys(t.distributions)) {
        setKey(union, name, getKey(t.distributions, name)!);
      }
    }
    return union;
  }

  sampleRelative(_study: StudyView, trial: FrozenTrial, searchSpace: SearchSpace): Record<string, number> {
    const space = this.fixedSpace(searchSpace);
    const out: Record<string, number> = {};
    if (space.names.length === 0) return out;
    const u = this.engine(space.names.length).point(trial.number);
    for (let j = 0; j < space.names.length; j++) {
      setKey(out, space.names[j]!, fromUnit(space.priors[j]!, u[j]!));
    }
    return out;
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    // Used as another sampler's independent sampler: answer from the QMC point when the
    // parameter belongs to the fixed space with the same distribution.
    const space = this.fixedSpace(this.inferRelativeSearchSpace(study, trial));
    const j = space.index.get(paramName);
    if (j !== undefined && distributionsEqual(space.distributions[j]!, distribution)) {
      return fromUnit(space.priors[j]!, this.engine(space.names.length).point(trial.number)[j]!);
    }
    if (this.warnIndependent && space.names.length > 0 && !this.warned.has(paramName)) {
      this.warned.add(paramName);
      log(
        "warn",
        `QmcSampler: parameter "${paramName}" (first in trial ${trial.number}) is sampled independently by ${this.independent.constructor.name}, because it is not in the search space fixed by the first finished trial (QmcSampler does not support dynamic search spaces). Pass warnIndependentSampling: false to silence this warning.`,
      );
    }
    return this.independent.sampleIndependent(study, trial, paramName, distribution);
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial?.(study, trial);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.independent.afterTrial?.(study, trial, state, values);
  }

  private engine(dimension: number): QmcEngine {
    let engine = this.engines.get(dimension);
    if (engine === undefined) {
      const max = this.qmcType === "sobol" ? SOBOL_MAX_DIMENSION : HALTON_MAX_DIMENSION;
      if (dimension > max) {
        throw new RangeError(
          `QmcSampler: a ${this.qmcType} sequence has at most ${max} dimensions, the search space has ${dimension} parameters`,
        );
      }
      // The scrambling stream depends on the seed only, so every process scrambles alike.
      const options: HaltonOptions = { dimension, scramble: this.scramble, seed: this.currentSeed };
      engine = this.qmcType === "sobol" ? new Sobol(options) : new Halton(options);
      this.engines.set(dimension, engine);
    }
    return engine;
  }

  private fixedSpace(source: SearchSpace): FixedSpace {
    if (this.lastSpace !== undefined && this.lastSpace.source === source) return this.lastSpace.space;
    const names = Object.keys(source).sort();
    const distributions = names.map((n) => getKey(source, n)!);
    const priors = distributions.map((d) => distributionToPrior(d));
    const index = new Map(names.map((n, j) => [n, j]));
    const space: FixedSpace = { names, distributions, priors, index };
    this.lastSpace = { source, space };
    return space;
  }
}

/** The parameter value (external representation; categorical: the index) at u ∈ [0, 1). */
function fromUnit(prior: Prior, u: number): number {
  const [lo, hi] = internalBounds(prior);
  // + 0 turns -0 into 0: Math.round of an internal value in (-1/2, 0) (categorical index 0,
  // a grid value 0) gives -0, which a study stores as a different internal value.
  return fromInternal(prior, lo + u * (hi - lo)) + 0;
}
