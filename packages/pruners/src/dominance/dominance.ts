/**
 * DominancePruner: pruning for several objectives (issue 14). A trial reports a vector of
 * intermediate values per step (`trial.report([loss, gpuHours], step)`, read with
 * `intermediateVectors` of `@tunelab/study`); the pruner stops it when its vector at a step is
 * Pareto-dominated by more than a share ρ of the other trials that reached that step.
 *
 * The rule. Notation: s = the trial's largest reported step, v ∈ ℝ^m its vector at s, R_s the
 * vectors at step s of the other trials of the study that are COMPLETE, PRUNED or RUNNING and
 * reported s without a NaN entry. u dominates v when u is at least as good as v in every
 * objective (≤ when minimizing, ≥ when maximizing) and strictly better in one.
 * k(v) = |{u ∈ R_s : u dominates v}|.
 * - No decision before the trial's first report, before step `nWarmupSteps`, at a step that is
 *   not the first reported one of its interval (as for the median pruner), while fewer than
 *   `nStartupTrials` trials are COMPLETE, or while |R_s| < `nMinTrials`.
 * - A vector with a NaN entry is pruned (it cannot be compared); ±Infinity is compared as is.
 * - Otherwise the trial is pruned when k(v) > ρ·|R_s| (ρ = `fraction`).
 *
 * Why this rule (rather than the non-domination rank or the hypervolume the trial could
 * still add):
 * - Dominance is invariant under any increasing rescaling of each objective, so it needs no
 *   normalization and no reference point; the hypervolume contribution depends on both, and
 *   on intermediate values whose scale drifts over training.
 * - A trial on the current intermediate Pareto front of its step (k = 0) is never pruned, and
 *   one that trades objectives against each other is dominated by few trials, so the search
 *   keeps the trade-offs it exists to find. The non-domination rank treats a trial behind the
 *   first front by one peer like one behind many; the count measures how many peers are
 *   better everywhere.
 * - With one objective, "dominated by u" is "u is strictly better", so ρ = ½ stops a trial
 *   when more than half of the trials that reached its step are strictly better there: the
 *   median stopping rule (Golovin et al. 2017, §3.2.2) on the value at the step, over every
 *   trial that reached it, as asynchronous successive halving compares (Li et al. 2018).
 * - Ties (equal vectors) dominate nothing, so a tie is never a reason to prune.
 * - Cost: O(|R_s|·m) per decision.
 * Comparing with running and pruned trials as well as complete ones (those that "reached the
 * step") lets the rule act early in an asynchronous study, as ASHA's rungs do; in reproducible
 * mode each trial judges from its own fixed view of the others.
 */
import { dominates as paretoDominates } from "@tunelab/math/pareto";
import type { FrozenTrial, Pruner, StudyDirection, StudyView } from "@tunelab/study";
import { intermediateVectors } from "@tunelab/study";
import { checkInteger } from "../intermediate/check.js";
import { isFirstInIntervalStep } from "../intermediate/values.js";

/** Options of {@link DominancePruner}. */
export interface DominancePrunerOptions {
  /**
   * ρ in [0, 1): prune when more than this share of the trials that reached the step dominate
   * the trial's vector there. @defaultValue 0.5
   */
  readonly fraction?: number;
  /** No pruning until this many trials are COMPLETE. @defaultValue 5 */
  readonly nStartupTrials?: number;
  /** No pruning before this step of a trial. @defaultValue 0 */
  readonly nWarmupSteps?: number;
  /** Judge once per this many steps (after the warm-up). @defaultValue 1 */
  readonly intervalSteps?: number;
  /** Judge a step only when at least this many other trials reported it. @defaultValue 1 */
  readonly nMinTrials?: number;
}

/** `v` with the maximized objectives negated (all minimized), in place; returns `v`. */
function minimized(v: number[], directions: readonly StudyDirection[]): number[] {
  for (let j = 0; j < v.length; j++) if (directions[j] === "maximize") v[j] = -v[j]!;
  return v;
}

/**
 * Whether u dominates v under `directions` (at least as good everywhere, better somewhere):
 * `dominates` of `@tunelab/math/pareto` on the vectors with maximized objectives negated.
 * @throws RangeError if the lengths differ or are 0.
 * @example dominates([1, 3], [2, 2], ["minimize", "maximize"]) // true
 */
export function dominates(
  u: readonly number[],
  v: readonly number[],
  directions: readonly StudyDirection[],
): boolean {
  return paretoDominates(minimized([...u], directions), minimized([...v], directions));
}

/**
 * Prunes a trial whose intermediate vector at its step is Pareto-dominated by more than a
 * share `fraction` of the trials that reached that step (any number of objectives; one
 * objective reads the plain intermediate values).
 * @example
 * ```ts
 * const study = await createStudy({ directions: ["minimize", "minimize"], sampler, pruner: new DominancePruner() });
 * await study.optimize(async (trial) => {
 *   for (let step = 0; step < 100; step++) {
 *     const { loss, gpuHours } = trainOneEpoch(trial);
 *     await trial.report([loss, gpuHours], step);
 *     if (trial.shouldPrune()) throw new TrialPruned();
 *   }
 *   return [loss, gpuHours];
 * }, { nTrials: 200 });
 * ```
 */
export class DominancePruner implements Pruner {
  readonly fraction: number;
  readonly nStartupTrials: number;
  readonly nWarmupSteps: number;
  readonly intervalSteps: number;
  readonly nMinTrials: number;

  /**
   * @throws RangeError if `fraction` is not a number in [0, 1), `nStartupTrials` or
   * `nWarmupSteps` not an integer ≥ 0, or `intervalSteps` or `nMinTrials` not one ≥ 1.
   */
  constructor(options: DominancePrunerOptions = {}) {
    const where = "DominancePruner";
    const fraction = options.fraction ?? 0.5;
    if (typeof fraction !== "number" || !(fraction >= 0 && fraction < 1)) {
      throw new RangeError(`${where}: fraction must be a number in [0, 1), got ${String(fraction)}`);
    }
    this.fraction = fraction;
    this.nStartupTrials = checkInteger(where, "nStartupTrials", options.nStartupTrials ?? 5, 0);
    this.nWarmupSteps = checkInteger(where, "nWarmupSteps", options.nWarmupSteps ?? 0, 0);
    this.intervalSteps = checkInteger(where, "intervalSteps", options.intervalSteps ?? 1, 1);
    this.nMinTrials = checkInteger(where, "nMinTrials", options.nMinTrials ?? 1, 1);
  }

  /** True when the trial should stop (see the module description for the rule). */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const own = intermediateVectors(trial);
    if (own.size === 0) return false;
    let step = -1;
    for (const s of own.keys()) if (s > step) step = s;
    if (step < this.nWarmupSteps) return false;
    if (!isFirstInIntervalStep(step, own.keys(), this.nWarmupSteps, this.intervalSteps)) return false;
    const trials = study.getTrials({ states: ["COMPLETE", "PRUNED", "RUNNING"] });
    let complete = 0;
    for (const t of trials) if (t.state === "COMPLETE") complete++;
    if (complete === 0 || complete < this.nStartupTrials) return false;

    const directions = study.directions;
    const v = minimized(own.get(step)!, directions);
    let peers = 0;
    let dominating = 0;
    const hasNaN = v.some(Number.isNaN);
    for (const t of trials) {
      if (t.number === trial.number) continue;
      const u = intermediateVectors(t).get(step);
      if (u === undefined || u.length !== v.length || u.some(Number.isNaN)) continue;
      peers++;
      if (!hasNaN && paretoDominates(minimized(u, directions), v)) dominating++;
    }
    if (peers < this.nMinTrials) return false;
    if (hasNaN) return true;
    return dominating > this.fraction * peers;
  }
}
