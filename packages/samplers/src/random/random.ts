/**
 * RandomSampler: independent draws from each parameter's prior (uniform in the
 * distribution's scale: log-uniform for log parameters, uniform over the grid for steps and
 * categoricals).
 *
 * Determinism: trial n draws from `Rng.fromSeed(seed).fork(n)`, in the order the objective
 * asks for parameters, so a seed fixes every trial's parameters whatever the concurrency or
 * the process that runs the trial.
 */
import { type Prior, Rng, samplePrior } from "@tunelab/math";
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
  /** The seed in use (drawn from the OS when none was given). */
  readonly seed: number;
  private readonly base: Rng;
  private readonly rngs = new Map<number, Rng>();
  /** The last prior built for each parameter name (distributions rarely change). */
  private readonly priors = new Map<string, { distribution: Distribution; prior: Prior }>();

  constructor(options: RandomSamplerOptions = {}) {
    this.seed = resolveSeed("RandomSampler", options.seed);
    this.base = Rng.fromSeed(this.seed);
  }

  inferRelativeSearchSpace(_study: StudyView, _trial: FrozenTrial): SearchSpace {
    return {};
  }

  sampleRelative(_study: StudyView, _trial: FrozenTrial, _searchSpace: SearchSpace): Record<string, number> {
    return {};
  }

  sampleIndependent(
    _study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    let rng = this.rngs.get(trial.number);
    if (rng === undefined) {
      rng = this.base.fork(trial.number);
      this.rngs.set(trial.number, rng);
    }
    let cached = this.priors.get(paramName);
    if (cached === undefined || !distributionsEqual(cached.distribution, distribution)) {
      cached = { distribution, prior: distributionToPrior(distribution) };
      this.priors.set(paramName, cached);
    }
    return samplePrior(cached.prior, rng);
  }

  afterTrial(
    _study: StudyView,
    trial: FrozenTrial,
    _state: TrialState,
    _values: readonly number[] | null,
  ): void {
    this.rngs.delete(trial.number);
  }
}
