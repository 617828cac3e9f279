/**
 * WilcoxonPruner: for objectives that are averages over instances (cross-validation folds,
 * evaluation questions, benchmark prompts), stop a trial once a Wilcoxon signed-rank test on
 * the instances it shares with the best trial says it is worse than the best trial.
 *
 * The rule of Optuna 5.0's `WilcoxonPruner` (`optuna/pruners/_wilcoxon.py`, read, not copied;
 * fixture: `test/fixtures/optuna5-pruners.py`). Each step is an instance id: a trial reports
 * `trial.report(loss, instanceId)` in any order, and instances are paired across trials by id.
 * Notation: b = the best trial (the COMPLETE trial with the best value; on a tie, the lowest
 * number), S = the steps both the trial and b reported, d_s = v_trial(s) − v_b(s) for s ∈ S.
 * - No decision when the trial has reported nothing, when there is no COMPLETE trial yet, or
 *   when b reported nothing (e.g. a trial added with `addTrial` without intermediate values).
 * - No decision (the trial goes on, never pruned) when the trial or b holds a NaN or ±Infinity
 *   intermediate value: the test has no meaning for them. Optuna warns here; this is silent.
 * - Steps the trial reported and b did not are ignored; steps b reported and the trial has
 *   not reached yet are what the trial will still be compared on.
 * - No decision while |S| < max(2, `nStartupSteps`) (too few instances to test).
 * - p = the one-sided signed-rank p-value of d ("greater" when minimizing: the trial's losses
 *   are larger; "less" when maximizing), zero differences split between R+ and R− ("zsplit"),
 *   computed as SciPy 1.17.1 computes it (see {@link signedRankPValue}; ties among |d| and
 *   zeros included).
 * - Safety (Optuna's "average is best"): when the mean of all the trial's values so far is at
 *   least as good as the mean of all b's values, the trial is not pruned whatever p says.
 *   Means are summed in the order the values were reported.
 * - Otherwise the trial is pruned when p < `pThreshold`.
 *
 * The test is repeated at every report, so the chance of pruning a trial that is in truth as
 * good as b is larger than `pThreshold` (a sequential test); Optuna suggests a Pocock-corrected
 * threshold for a nominal rate. A pruned trial may return the mean of its values instead of
 * throwing `TrialPruned`, so that the study records an estimate of its objective.
 */
import type { FrozenTrial, Pruner, StudyView } from "@tunelab/study";
import { checkInteger } from "../intermediate/check.js";
import { signedRankPValue } from "./p-value.js";

/** Options of {@link WilcoxonPruner}. */
export interface WilcoxonPrunerOptions {
  /**
   * Prune when the one-sided p-value is below this, in [0, 1]; larger prunes more
   * aggressively. @defaultValue 0.1
   */
  readonly pThreshold?: number;
  /**
   * No pruning until the trial shares this many instances (steps) with the best trial; at
   * least 2 are needed whatever this says. @defaultValue 2
   */
  readonly nStartupSteps?: number;
}

/**
 * Prunes a trial that a paired signed-rank test over the instances seen so far finds worse
 * than the best trial.
 * @example
 * ```ts
 * const study = await createStudy({ sampler, pruner: new WilcoxonPruner({ pThreshold: 0.1 }) });
 * await study.optimize(async (trial) => {
 *   const c = trial.suggestFloat("c", -1, 1);
 *   let sum = 0;
 *   let k = 0;
 *   for (const id of shuffledInstanceIds) {
 *     sum += loss(c, id);
 *     k++;
 *     await trial.report(loss(c, id), id);
 *     if (trial.shouldPrune()) return sum / k; // an estimate instead of TrialPruned
 *   }
 *   return sum / k;
 * }, { nTrials: 100 });
 * ```
 */
export class WilcoxonPruner implements Pruner {
  readonly pThreshold: number;
  readonly nStartupSteps: number;

  /**
   * @throws RangeError if `pThreshold` is not a number in [0, 1] or `nStartupSteps` not an
   * integer ≥ 0.
   */
  constructor(options: WilcoxonPrunerOptions = {}) {
    const where = "WilcoxonPruner";
    const p = options.pThreshold ?? 0.1;
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new RangeError(`${where}: pThreshold must be a number in [0, 1], got ${String(p)}`);
    }
    this.pThreshold = p;
    this.nStartupSteps = checkInteger(where, "nStartupSteps", options.nStartupSteps ?? 2, 0);
  }

  /** True when the trial should stop (see the class description for the rule). */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (study.directions.length !== 1) {
      throw new Error("WilcoxonPruner.prune: pruning is not supported in multi-objective studies");
    }
    const own = trial.intermediateValues;
    if (own.size === 0 || !allFinite(own)) return false;
    const best = bestCompleteTrial(study);
    if (best === null) return false;
    const theirs = best.intermediateValues;
    if (theirs.size === 0 || !allFinite(theirs)) return false;

    const steps = Float64Array.from(own.keys()).sort();
    const d = new Float64Array(steps.length);
    let m = 0;
    for (const s of steps) {
      const v = theirs.get(s);
      if (v !== undefined) d[m++] = own.get(s)! - v;
    }
    if (m < Math.max(2, this.nStartupSteps)) return false;

    const maximize = study.directions[0] === "maximize";
    const ownMean = mean(own);
    const bestMean = mean(theirs);
    const averageIsBest = maximize ? bestMean <= ownMean : bestMean >= ownMean;
    if (averageIsBest) return false;
    return signedRankPValue(d.subarray(0, m), maximize ? "less" : "greater") < this.pThreshold;
  }
}

/** The COMPLETE trial with the best value (lowest number on a tie), or null when there is none. */
function bestCompleteTrial(study: StudyView): FrozenTrial | null {
  const maximize = study.directions[0] === "maximize";
  let best: FrozenTrial | null = null;
  let bestValue = Number.NaN;
  for (const t of study.getTrials({ states: ["COMPLETE"] })) {
    const v = t.value;
    if (v === null || Number.isNaN(v)) continue;
    if (best === null || (maximize ? v > bestValue : v < bestValue)) {
      best = t;
      bestValue = v;
    }
  }
  return best;
}

function allFinite(values: ReadonlyMap<number, number>): boolean {
  for (const v of values.values()) if (!Number.isFinite(v)) return false;
  return true;
}

/** The mean of the values in reported order (as Python's `sum(...) / len(...)` adds them). */
function mean(values: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const v of values.values()) sum += v;
  return sum / values.size;
}
