/**
 * When the GP sampler refits a model's hyperparameters, and from where: one {@link GpSlot}
 * per modelled quantity (each objective, each constraint) of a study, kept in the sampler
 * instance.
 *
 * Policy (the levers of `@tunelab/math/gp`'s README, measured in this folder's README):
 * - The first fit starts from the default point plus `restarts` seeded random starts.
 * - Afterwards the hyperparameters are refitted by MAP when the data have grown by
 *   max(1, ⌊`refitFraction`·n⌋) points since the last fit, warm-started from the last fit's
 *   hyperparameters (as Optuna's GPSampler warm-starts from the previous trial's kernel
 *   parameters); every `restartEvery`-th refit adds the seeded random restarts, so that a
 *   warm start cannot stay in a poor local optimum of the marginal likelihood for long.
 * - Between refits the model is conditioned on all the data with the kept hyperparameters
 *   (`gpModel`: one kernel matrix and one Cholesky factorization, O(n³/3), against the ~11
 *   likelihood evaluations with the inverse that a warm fit takes).
 */
import {
  fitGp,
  type GpHyperparameters,
  type GpKernel,
  type GpModel,
  type GpNoise,
  type GpPriorMean,
  type GpPriors,
  gpModel,
} from "@tunelab/math/gp";
import type { Rng } from "@tunelab/math/random";

/** The refit settings of a sampler (resolved options). */
export interface RefitPolicy {
  readonly refitFraction: number;
  readonly restartEvery: number;
  readonly restarts: number;
  readonly kernel: GpKernel;
  readonly noise: GpNoise;
  /** Priors of the MAP fits (missing entries: the library's defaults). */
  readonly priors: Partial<GpPriors>;
  /** The constant prior mean of every model. */
  readonly priorMean: GpPriorMean;
}

/** The fitting history of one modelled quantity. */
export class GpSlot {
  /** The hyperparameters of the last fit, or null before the first. */
  hyper: GpHyperparameters | null = null;
  /** The number of observations at the last fit. */
  fittedAt = 0;
  /** Fits so far (the first included). */
  fits = 0;

  /**
   * The model of (x, y): refitted when the policy says so, else conditioned with the kept
   * hyperparameters.
   * @param rng - the generator of this fit's random restarts (seeded by the caller).
   */
  model(x: Float64Array, y: Float64Array, categorical: Uint8Array, policy: RefitPolicy, rng: Rng): GpModel {
    const n = y.length;
    const due = Math.max(1, Math.floor(policy.refitFraction * n));
    if (this.hyper !== null && n - this.fittedAt < due && n >= this.fittedAt) {
      try {
        return gpModel(x, y, this.hyper, { kernel: policy.kernel, categorical, priorMean: policy.priorMean });
      } catch {
        // A factorization no jitter rescues: refit below.
      }
    }
    const restart = this.hyper === null || (this.fits % policy.restartEvery === 0 && this.fits > 0);
    const { model } = fitGp(x, y, {
      kernel: policy.kernel,
      categorical,
      noise: policy.noise,
      priors: policy.priors,
      priorMean: policy.priorMean,
      ...(this.hyper === null ? {} : { warmStart: this.hyper }),
      restarts: restart ? policy.restarts : 0,
      rng,
    });
    this.hyper = model.hyperparameters;
    this.fittedAt = n;
    this.fits++;
    return model;
  }
}
