/**
 * PatientPruner: early stopping with patience (as in Keras' `EarlyStopping`), optionally in
 * front of another pruner. The rule of Optuna's `PatientPruner` (`optuna/pruners/_patient.py`,
 * 2.8 to 5.0), decision for decision. Notation: p = `patience`, δ = `minDelta`, the trial's
 * reported steps sorted s_1 < … < s_n (missing steps are simply absent), v(s) its values.
 * - With n ≤ p + 1 reports there is no decision (too few steps).
 * - "before" = v(s_1..s_{n-p-1}), "after" = v(s_{n-p}..s_n) (the last p + 1 reports by step).
 * - Minimizing, the trial has stalled when min(before) + δ < min(after): nothing in the last
 *   p + 1 reports improved on the best before them by more than δ. Maximizing:
 *   max(before) − δ > max(after). NaN values are ignored by min and max (NumPy's `nanmin`);
 *   when either side holds only NaN the comparison is false and the trial goes on. A tie
 *   (min(after) = min(before) + δ exactly) is not a stall.
 * - A stalled trial is pruned when `wrapped` is null, otherwise when `wrapped` says so; a
 *   trial that has not stalled is never pruned (the wrapped pruner is not even asked).
 *
 * It reads only the trial itself (and whatever the wrapped pruner reads), so "too few trials"
 * does not arise here.
 */
import type { FrozenTrial, Pruner, StudyView } from "@tunelab/study";
import { checkFiniteAtLeast, checkInteger } from "../intermediate/check.js";

/** Options of {@link PatientPruner}. */
export interface PatientPrunerOptions {
  /** p ≥ 0: how many reports without improvement to tolerate. Required, as in Optuna. */
  readonly patience: number;
  /** δ ≥ 0: the smallest change that counts as an improvement. @defaultValue 0 */
  readonly minDelta?: number;
}

/**
 * Prunes a trial whose intermediate values stopped improving for `patience` reports (and,
 * when given, that `wrapped` would prune).
 * @example
 * ```ts
 * // stop after 3 reports without improvement, if the median rule agrees
 * const pruner = new PatientPruner(new MedianPruner(), { patience: 3 });
 * ```
 */
export class PatientPruner implements Pruner {
  readonly wrapped: Pruner | null;
  readonly patience: number;
  readonly minDelta: number;

  /**
   * @param wrapped - asked only once a trial has stalled; null prunes every stalled trial.
   * @throws RangeError if `patience` is not an integer ≥ 0 or `minDelta` not a finite number ≥ 0.
   */
  constructor(wrapped: Pruner | null, options: PatientPrunerOptions) {
    const where = "PatientPruner";
    this.wrapped = wrapped ?? null;
    this.patience = checkInteger(where, "patience", options?.patience as number, 0);
    this.minDelta = checkFiniteAtLeast(where, "minDelta", options.minDelta ?? 0, 0);
  }

  /** True when the trial has stalled and the wrapped pruner (if any) agrees (see the class). */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (study.directions.length !== 1) {
      throw new Error("PatientPruner.prune: pruning is not supported in multi-objective studies");
    }
    const n = trial.intermediateValues.size;
    if (n <= this.patience + 1) return false;
    const steps = Float64Array.from(trial.intermediateValues.keys()).sort();
    const split = n - this.patience - 1;
    const max = study.directions[0] === "maximize";
    const before = nanExtreme(trial, steps, 0, split, max);
    const after = nanExtreme(trial, steps, split, n, max);
    const stalled = max ? before - this.minDelta > after : before + this.minDelta < after;
    if (!stalled) return false;
    return this.wrapped === null ? true : this.wrapped.prune(study, trial);
  }
}

/** The NaN-ignoring min (max when `max`) of the values at steps[from..to); NaN when all are NaN. */
function nanExtreme(trial: FrozenTrial, steps: Float64Array, from: number, to: number, max: boolean): number {
  let best = Number.NaN;
  for (let i = from; i < to; i++) {
    const v = trial.intermediateValues.get(steps[i]!)!;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (max ? v > best : v < best)) best = v;
  }
  return best;
}
