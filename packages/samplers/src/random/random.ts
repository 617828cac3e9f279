/**
 * RandomSampler: independent draws from each parameter's prior (uniform in the
 * distribution's scale: log-uniform for log parameters, uniform over the grid for steps and
 * categoricals).
 *
 * Determinism: trial n draws from `Rng.fromSeed(seed).fork(n)`, in the order the objective
 * asks for parameters, so a seed fixes every trial's parameters whatever the concurrency or
 * the process that runs the trial.
 */
import { type Prior, samplePrior } from "@tunelab/math/priors";
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  distributionsEqual,
  distributionToPrior,
  type FrozenTrial,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type TrialState,
} from "@tunelab/study";
import { resolveSeed } from "../seed/index.js";

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Seed of the draws. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
}

/**
 * Samples every parameter independently and uniformly (in its scale).
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new RandomSampler({ seed: 42 }) });
 * ```
 */
export class RandomSampler implements Sampler {
  private currentSeed: number;
  private base: Rng;
  /**
   * The generator of each running trial, by study (object) and trial number: one sampler may
   * serve several studies, whose trial numbers overlap.
   */
  private rngs = new WeakMap<StudyView, Map<number, Rng>>();
  /** The last prior built for each parameter name (distributions rarely change). */
  private readonly priors = new Map<string, { distribution: Distribution; prior: Prior }>();

  /** @throws RangeError if `seed` is not a safe integer. */
  constructor(options: RandomSamplerOptions = {}) {
    this.currentSeed = resolveSeed("RandomSampler", options.seed);
    this.base = Rng.fromSeed(this.currentSeed);
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new
   * `RandomSampler({ seed })` would. Resets the generators of running trials (their next
   * parameters come from the new seed's stream for their number); nothing else depends on
   * the seed.
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("RandomSampler.reseed", seed);
    this.base = Rng.fromSeed(this.currentSeed);
    this.rngs = new WeakMap();
  }

  inferRelativeSearchSpace(_study: StudyView, _trial: FrozenTrial): SearchSpace {
    return {};
  }

  sampleRelative(_study: StudyView, _trial: FrozenTrial, _searchSpace: SearchSpace): Record<string, number> {
    return {};
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    let byNumber = this.rngs.get(study);
    if (byNumber === undefined) {
      byNumber = new Map();
      this.rngs.set(study, byNumber);
    }
    let rng = byNumber.get(trial.number);
    if (rng === undefined) {
      rng = this.base.fork(trial.number);
      byNumber.set(trial.number, rng);
    }
    let cached = this.priors.get(paramName);
    if (cached === undefined || !distributionsEqual(cached.distribution, distribution)) {
      cached = { distribution, prior: distributionToPrior(distribution) };
      this.priors.set(paramName, cached);
    }
    return samplePrior(cached.prior, rng);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    _state: TrialState,
    _values: readonly number[] | null,
  ): void {
    this.rngs.get(study)?.delete(trial.number);
  }
}
