/**
 * PercentilePruner: stops a trial whose best intermediate value so far is worse than the
 * q-th percentile of the values that completed trials reported at the same step.
 *
 * Semantics follow Optuna 3.1's `PercentilePruner` (`optuna/pruners/_percentile.py`), so
 * that a study moved between the two prunes the same trials:
 * - no decision before `nStartupTrials` trials are COMPLETE, before step `nWarmupSteps`, or
 *   at a step that is not the first reported one of its interval
 *   (nWarmupSteps + k·intervalSteps, see {@link isFirstInIntervalStep});
 * - the trial's value is its best intermediate value over all its steps (NaN ignored);
 *   a trial whose values are all NaN is pruned;
 * - the threshold is the NaN-ignoring percentile (linear interpolation) of the completed
 *   trials' values at this very step; with fewer than `nMinTrials` such values, or none
 *   that is a number, the trial goes on;
 * - in a maximized study the percentile is mirrored (100 - q) and the trial is pruned when
 *   its best value is below it, so "keep the top q%" reads the same both ways.
 */
import type { FrozenTrial, Pruner, StudyDirection, StudyView } from "@tunelab/study";
import { checkInteger } from "../intermediate/check.js";
import {
  bestIntermediateValue,
  isFirstInIntervalStep,
  lastStep,
  nanPercentile,
} from "../intermediate/values.js";

/** Options of {@link PercentilePruner} (and {@link MedianPruner}). */
export interface PercentilePrunerOptions {
  /** No pruning until this many trials are COMPLETE. @defaultValue 5 */
  readonly nStartupTrials?: number;
  /** No pruning before this step of a trial. @defaultValue 0 */
  readonly nWarmupSteps?: number;
  /** Judge once per this many steps (after the warm-up). @defaultValue 1 */
  readonly intervalSteps?: number;
  /** Judge a step only when at least this many completed trials reported it. @defaultValue 1 */
  readonly nMinTrials?: number;
}

/**
 * Prunes a trial whose best intermediate value is worse than the `percentile`-th percentile
 * of completed trials at the same step (for minimization: above it).
 * @example
 * ```ts
 * const study = await createStudy({ sampler, pruner: new PercentilePruner(25, { nStartupTrials: 5 }) });
 * ```
 */
export class PercentilePruner implements Pruner {
  /** The percentile in [0, 100] of trials to keep (25: keep the best quarter). */
  readonly percentile: number;
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;

  /**
   * @param percentile - in [0, 100]: a trial is kept while it is within the best
   * `percentile` % of completed trials at its step.
   * @throws RangeError if `percentile` is outside [0, 100], `nStartupTrials` or
   * `nWarmupSteps` is not an integer ≥ 0, or `intervalSteps` or `nMinTrials` not one ≥ 1.
   */
  constructor(percentile: number, options: PercentilePrunerOptions = {}) {
    const where = new.target.name;
    if (typeof percentile !== "number" || !(percentile >= 0 && percentile <= 100)) {
      throw new RangeError(`${where}: percentile must be a number in [0, 100], got ${percentile}`);
    }
    this.percentile = percentile;
    this.nStartupTrials = checkInteger(where, "nStartupTrials", options.nStartupTrials ?? 5, 0);
    this.nWarmupSteps = checkInteger(where, "nWarmupSteps", options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkInteger(where, "intervalSteps", options.intervalSteps ?? 1, 1);
    this.nMinTrials = checkInteger(where, "nMinTrials", options.nMinTrials ?? 1, 1);
  }

  /** True when `trial` should stop (see the class description for the rule). */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (study.directions.length !== 1) {
      throw new Error(`${this.constructor.name}.prune: pruning is not supported in multi-objective studies`);
    }
    const completed = study.getTrials({ states: ["COMPLETE"] });
    if (completed.length === 0 || completed.length < this.nStartupTrials) return false;
    const step = lastStep(trial);
    if (step === null || step < this.nWarmupSteps) return false;
    if (
      !isFirstInIntervalStep(step, trial.intermediateValues.keys(), this.nWarmupSteps, this.intervalSteps)
    ) {
      return false;
    }
    const direction: StudyDirection = study.directions[0]!;
    const best = bestIntermediateValue(trial, direction);
    if (Number.isNaN(best)) return true;
    const threshold = percentileAtStep(completed, direction, step, this.percentile, this.nMinTrials);
    if (Number.isNaN(threshold)) return false;
    return direction === "maximize" ? best < threshold : best > threshold;
  }
}

/**
 * The percentile of completed trials' intermediate values at `step` (mirrored to 100 - q
 * when maximizing), or NaN with fewer than `nMinTrials` values (Optuna's
 * `_get_percentile_intermediate_result_over_trials`).
 */
export function percentileAtStep(
  completed: readonly FrozenTrial[],
  direction: StudyDirection,
  step: number,
  percentile: number,
  nMinTrials: number,
): number {
  const values: number[] = [];
  for (const t of completed) {
    const v = t.intermediateValues.get(step);
    if (v !== undefined) values.push(v);
  }
  if (values.length < nMinTrials) return Number.NaN;
  return nanPercentile(values, direction === "maximize" ? 100 - percentile : percentile);
}
