/**
 * Reading intermediate values: the last reported step, the best value over a trial's steps,
 * and a percentile of other trials' values at one step. Semantics follow Optuna 3.1
 * (`optuna/pruners/_percentile.py`): NaN values are ignored where NumPy's `nan*` functions
 * ignore them, and percentiles interpolate linearly between order statistics.
 */
import { quantile } from "@tunelab/math/stats";
import type { FrozenTrial, StudyDirection } from "@tunelab/study";

/** The largest step a trial reported, or null when it reported none. */
export function lastStep(trial: FrozenTrial): number | null {
  let last = -1;
  for (const step of trial.intermediateValues.keys()) if (step > last) last = step;
  return last < 0 ? null : last;
}

/**
 * The best of a trial's intermediate values under `direction` (the minimum when minimizing),
 * ignoring NaN; NaN when it reported nothing but NaN (or nothing at all).
 */
export function bestIntermediateValue(trial: FrozenTrial, direction: StudyDirection): number {
  let best = Number.NaN;
  const max = direction === "maximize";
  for (const v of trial.intermediateValues.values()) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (max ? v > best : v < best)) best = v;
  }
  return best;
}

/**
 * The `q`-th percentile (0-100) of the non-NaN entries of `values`, with linear
 * interpolation between order statistics (NumPy's default `linear` method: position
 * q/100·(n-1) in the sorted values; {@link quantile} at q/100). NaN when no entry is a number.
 * @throws RangeError if `q` is not in [0, 100].
 * @example nanPercentile([1, 2, 3, 4], 50) // 2.5
 */
export function nanPercentile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`nanPercentile: q must be in [0, 100], got ${q}`);
  return quantile(values, q / 100);
}

/**
 * True when `step` is the first reported step at or after the latest pruning point, where
 * pruning points are nWarmupSteps + k·intervalSteps (Optuna's `_is_first_in_interval_step`):
 * the pruner then judges once per interval even when steps are reported irregularly.
 */
export function isFirstInIntervalStep(
  step: number,
  reportedSteps: Iterable<number>,
  nWarmupSteps: number,
  intervalSteps: number,
): boolean {
  const nearestLowerPruningStep =
    Math.floor((step - nWarmupSteps) / intervalSteps) * intervalSteps + nWarmupSteps;
  let secondLast = -1;
  for (const s of reportedSteps) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestLowerPruningStep;
}
