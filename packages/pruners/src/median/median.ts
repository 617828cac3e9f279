/**
 * MedianPruner: the {@link PercentilePruner} at the 50th percentile, i.e. stop a trial whose
 * best intermediate value is worse than the median of completed trials at the same step
 * (the "median stopping rule" of Golovin et al. 2017, "Google Vizier", §3.2.2, in Optuna's
 * form: the trial's best value so far against the median of other trials at this step).
 */
import { PercentilePruner, type PercentilePrunerOptions } from "../percentile/percentile.js";

/**
 * Prunes a trial whose best intermediate value is worse than the median of completed
 * trials' values at the same step.
 * @example
 * ```ts
 * const pruner = new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 10 });
 * const study = await createStudy({ sampler, pruner });
 * ```
 */
export class MedianPruner extends PercentilePruner {
  /**
   * @param options - as for {@link PercentilePruner}.
   * @throws RangeError for invalid options (see {@link PercentilePruner}).
   */
  constructor(options: PercentilePrunerOptions = {}) {
    super(50, options);
  }
}
