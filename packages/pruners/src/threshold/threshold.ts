/**
 * ThresholdPruner: stops a trial whose latest intermediate value leaves [lower, upper] or is
 * NaN. The rule of Optuna's `ThresholdPruner` (`optuna/pruners/_threshold.py`, 3.1 to 5.0),
 * decision for decision:
 * - no decision before the trial's first report, before step `nWarmupSteps`, or at a step
 *   that is not the first reported one of its interval (nWarmupSteps + k·intervalSteps, see
 *   {@link isFirstInIntervalStep}; missing steps are fine: the first step reported at or
 *   after a pruning point is judged);
 * - the value judged is the one reported at the trial's largest step (`lastStep`), not the
 *   one reported last in time, so steps reported out of order are judged by the largest;
 * - NaN is pruned; a value equal to a bound is kept (strict comparisons); ±Infinity is pruned
 *   only by a bound it exceeds (+Infinity with no `upper` is kept, as in Optuna);
 * - other trials are not read, so "too few trials" does not arise: the rule applies from the
 *   first trial on.
 *
 * It reads no direction, so it works the same in minimized and maximized studies; it throws
 * in a multi-objective study, as the other single-objective pruners do.
 */
import type { FrozenTrial, Pruner, StudyView } from "@tunelab/study";
import { checkInteger, checkNotNaN } from "../intermediate/check.js";
import { isFirstInIntervalStep, lastStep } from "../intermediate/values.js";

/** Options of {@link ThresholdPruner}; at least one of `lower` and `upper` is required. */
export interface ThresholdPrunerOptions {
  /** Prune when the latest value is below this. @defaultValue -Infinity (no lower bound) */
  readonly lower?: number;
  /** Prune when the latest value is above this. @defaultValue Infinity (no upper bound) */
  readonly upper?: number;
  /** No pruning before this step of a trial. @defaultValue 0 */
  readonly nWarmupSteps?: number;
  /** Judge once per this many steps (after the warm-up). @defaultValue 1 */
  readonly intervalSteps?: number;
}

/**
 * Prunes a trial whose latest intermediate value is NaN, below `lower` or above `upper`.
 * @example
 * ```ts
 * // stop a training run whose loss diverges (NaN or above 10) after 5 warm-up steps
 * const pruner = new ThresholdPruner({ upper: 10, nWarmupSteps: 5 });
 * const study = await createStudy({ sampler, pruner });
 * ```
 */
export class ThresholdPruner implements Pruner {
  readonly lower: number;
  readonly upper: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;

  /**
   * @throws RangeError if neither `lower` nor `upper` is given, either is NaN, lower > upper,
   * `nWarmupSteps` is not an integer ≥ 0 or `intervalSteps` not an integer ≥ 1.
   */
  constructor(options: ThresholdPrunerOptions) {
    const where = "ThresholdPruner";
    if (options?.lower === undefined && options?.upper === undefined) {
      throw new RangeError(`${where}: lower or upper (or both) must be given, got neither`);
    }
    this.lower = checkNotNaN(where, "lower", options.lower ?? Number.NEGATIVE_INFINITY);
    this.upper = checkNotNaN(where, "upper", options.upper ?? Number.POSITIVE_INFINITY);
    if (this.lower > this.upper) {
      throw new RangeError(
        `${where}: lower must be <= upper, got lower ${this.lower} and upper ${this.upper}`,
      );
    }
    this.nWarmupSteps = checkInteger(where, "nWarmupSteps", options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkInteger(where, "intervalSteps", options.intervalSteps ?? 1, 1);
  }

  /**
   * True when the value at the trial's last step is NaN or outside [lower, upper] (see the class).
   * @throws Error in a multi-objective study.
   */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (study.directions.length !== 1) {
      throw new Error(
        "ThresholdPruner.prune: pruning is not supported in multi-objective studies (see DominancePruner)",
      );
    }
    const step = lastStep(trial);
    if (step === null || step < this.nWarmupSteps) return false;
    if (
      !isFirstInIntervalStep(step, trial.intermediateValues.keys(), this.nWarmupSteps, this.intervalSteps)
    ) {
      return false;
    }
    const value = trial.intermediateValues.get(step)!;
    return Number.isNaN(value) || value < this.lower || value > this.upper;
  }
}
