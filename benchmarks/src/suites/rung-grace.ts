/**
 * A grace period for a rung-based pruner (issue 14's bootstrapping variant): the wrapped pruner
 * decides as usual (and records its rung values), but its "prune" is overruled while fewer
 * than `minValues` trials, this one included, have reached the trial's step.
 *
 * Why: in a TPE run the first trials at each rung are the random start-up trials, and a rung
 * with three values prunes two of them (η = 3) on a sample of three. Syne Tune's stopping
 * rung system (`syne_tune/optimizer/schedulers/hyperband_stopping.py`, `Rung.quantile`) lets a
 * trial go on while its rung holds fewer than 2 values (no quantile yet); Optuna's
 * `bootstrap_count` does the opposite (it *prunes* until the rung holds more than that many
 * values); Optuna's `n_min_trials` of the median pruner is the same idea as this one (no
 * judgement with fewer reports at the step). Here the number of values is a setting.
 *
 * With trials that report every step (the LLM surrogate), the trials that have reached step s
 * are exactly those that recorded a value at every rung at or below s, so the count is the
 * rung's size when s is a rung step. Meant for successive halving over the whole study; inside
 * Hyperband's brackets the count would mix brackets, so the benchmark does not use it there.
 */
import { lastStep } from "@tunelab/pruners/intermediate";
import type { FrozenTrial, Pruner, StudyView } from "@tunelab/study";

/** `inner`, overruled while fewer than `minValues` trials have reached the trial's step. */
export class RungGracePruner implements Pruner {
  /**
   * @param inner - the pruner that decides.
   * @param minValues - the trials (this one included) that must have reached the step before
   * a prune stands; an integer ≥ 1 (1: never overruled).
   * @throws RangeError if `minValues` is not an integer ≥ 1.
   */
  constructor(
    private readonly inner: Pruner,
    private readonly minValues: number,
  ) {
    if (!Number.isSafeInteger(minValues) || minValues < 1) {
      throw new RangeError(`RungGracePruner: minValues must be an integer >= 1, got ${minValues}`);
    }
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (!this.inner.prune(study, trial)) return false;
    const step = lastStep(trial);
    if (step === null) return true;
    let reached = 1;
    for (const t of study.getTrials()) {
      if (t.number === trial.number) continue;
      const s = lastStep(t);
      if (s !== null && s >= step && ++reached >= this.minValues) return true;
    }
    return false;
  }
}
