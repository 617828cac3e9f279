/**
 * SuccessiveHalvingPruner: asynchronous successive halving (ASHA) as a pruner.
 *
 * Li, Jamieson, Rostamizadeh, Gonina, Hardt, Recht, Talwalkar (2018), "A System for Massively
 * Parallel Hyperparameter Tuning" (arXiv:1810.05934, MLSys 2020), Algorithm 2. Notation:
 * r = `minResource`, η = `reductionFactor`, s = `minEarlyStoppingRate`. Rung k is reached at
 * step r·η^(s+k). When a trial reaches rung k, its value there is recorded (system attribute
 * `completed_rung_k`) and compared with every value recorded at rung k by any trial so far
 * (itself included): it is promoted (goes on) when it is among the top ⌊n/η⌋ of those n
 * values, and pruned otherwise. Since a pruned trial cannot be resumed later, a trial among
 * the first η - 1 to reach a rung (when ⌊n/η⌋ = 0) goes on only if it is the best so far.
 *
 * This follows Optuna 3.1's `SuccessiveHalvingPruner` (`optuna/pruners/_successive_halving.py`),
 * including `minResource: "auto"` (max(⌊last step of the first completed trials / 100⌋, 1))
 * and `bootstrapCount` (prune until more than that many values are recorded at a rung). One
 * difference: the "auto" estimate is kept per study view, not per pruner, so one pruner can
 * serve several studies, and in reproducible mode (a view per trial) each trial estimates
 * from its own fixed history.
 */
import type { FrozenTrial, Pruner, StudyDirection, StudyView } from "@tunelab/study";
import { checkInteger } from "../intermediate/check.js";
import { lastStep } from "../intermediate/values.js";

/** Options of {@link SuccessiveHalvingPruner}. */
export interface SuccessiveHalvingPrunerOptions {
  /**
   * The resource (steps) r of the first rung, or "auto": ⌊(largest last step of the COMPLETE
   * trials) / 100⌋, at least 1, estimated once the first trial completes (no pruning before).
   * @defaultValue "auto"
   */
  readonly minResource?: number | "auto";
  /** η ≥ 2: keep the top 1/η at each rung; rungs are η times apart. @defaultValue 4 */
  readonly reductionFactor?: number;
  /** s ≥ 0: the first rung is at r·η^s. @defaultValue 0 */
  readonly minEarlyStoppingRate?: number;
  /**
   * Prune a trial at a rung until more than this many values were recorded there (only with
   * a numeric `minResource`). @defaultValue 0
   */
  readonly bootstrapCount?: number;
}

/** The system attribute under which a trial's value at rung `rung` is recorded. */
export function completedRungKey(rung: number): string {
  return `completed_rung_${rung}`;
}

/** The first rung a trial has not recorded a value at yet. */
export function currentRung(trial: FrozenTrial): number {
  let rung = 0;
  while (completedRungKey(rung) in trial.systemAttrs) rung++;
  return rung;
}

/**
 * Whether `value` is within the top ⌊n/η⌋ of `competing` (which includes it); the best one
 * when ⌊n/η⌋ = 0. Sorts `competing` in place.
 */
export function isPromotable(
  value: number,
  competing: number[],
  reductionFactor: number,
  direction: StudyDirection,
): boolean {
  let promotableIdx = Math.floor(competing.length / reductionFactor) - 1;
  if (promotableIdx === -1) promotableIdx = 0;
  competing.sort((a, b) => a - b);
  if (direction === "maximize") return value >= competing[competing.length - 1 - promotableIdx]!;
  return value <= competing[promotableIdx]!;
}

/**
 * The minimum resource estimated from finished work: max(⌊max last step of COMPLETE trials /
 * 100⌋, 1), or null when no COMPLETE trial reported a step.
 */
export function estimateMinResource(trials: readonly FrozenTrial[]): number | null {
  let last = -1;
  for (const t of trials) {
    if (t.state !== "COMPLETE") continue;
    const s = lastStep(t);
    if (s !== null && s > last) last = s;
  }
  return last < 0 ? null : Math.max(Math.floor(last / 100), 1);
}

/**
 * Asynchronous successive halving: at steps r·η^(s+k), keep a trial only if it is in the top
 * 1/η of the values recorded at that rung so far.
 * @example
 * ```ts
 * const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
 * const study = await createStudy({ sampler, pruner });
 * ```
 */
export class SuccessiveHalvingPruner implements Pruner {
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;
  readonly bootstrapCount: number;
  /** r when given as a number; null for "auto". */
  private readonly fixedMinResource: number | null;
  /** "auto": the estimate of each study view. */
  private readonly estimates = new WeakMap<StudyView, number>();
  /** "auto": the estimate made last, for {@link SuccessiveHalvingPruner.minResource}. */
  private lastEstimate: number | null = null;

  /**
   * @throws RangeError if `minResource` is neither "auto" nor an integer ≥ 1,
   * `reductionFactor` not an integer ≥ 2, `minEarlyStoppingRate` or `bootstrapCount` not an
   * integer ≥ 0, or `bootstrapCount` > 0 with `minResource` "auto".
   */
  constructor(options: SuccessiveHalvingPrunerOptions = {}) {
    const where = "SuccessiveHalvingPruner";
    const minResource = options.minResource ?? "auto";
    if (minResource !== "auto") checkInteger(where, "minResource", minResource, 1);
    this.reductionFactor = checkInteger(where, "reductionFactor", options.reductionFactor ?? 4, 2);
    this.minEarlyStoppingRate = checkInteger(
      where,
      "minEarlyStoppingRate",
      options.minEarlyStoppingRate ?? 0,
      0,
    );
    this.bootstrapCount = checkInteger(where, "bootstrapCount", options.bootstrapCount ?? 0, 0);
    if (this.bootstrapCount > 0 && minResource === "auto") {
      throw new RangeError(
        `${where}: bootstrapCount must be 0 when minResource is "auto", got ${this.bootstrapCount}`,
      );
    }
    this.fixedMinResource = minResource === "auto" ? null : minResource;
  }

  /**
   * The minimum resource r: the number given, or with "auto" the estimate made last (each
   * study has its own), null while none has been made.
   */
  get minResource(): number | null {
    return this.fixedMinResource ?? this.lastEstimate;
  }

  /** r for `study`: the number given, or its "auto" estimate (null until a trial is COMPLETE). */
  private minResourceFor(study: StudyView): number | null {
    if (this.fixedMinResource !== null) return this.fixedMinResource;
    let r = this.estimates.get(study);
    if (r === undefined) {
      const estimate = estimateMinResource(study.getTrials());
      if (estimate === null) return null;
      r = estimate;
      this.estimates.set(study, r);
      this.lastEstimate = r;
    }
    return r;
  }

  /**
   * Records the trial's value at each rung it has newly reached and decides promotion there.
   * @throws Error in a multi-objective study.
   */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    if (study.directions.length !== 1) {
      throw new Error("SuccessiveHalvingPruner.prune: pruning is not supported in multi-objective studies");
    }
    const step = lastStep(trial);
    if (step === null) return false;
    let rung = currentRung(trial);
    const value = trial.intermediateValues.get(step)!;
    const direction = study.directions[0]!;
    const minResource = this.minResourceFor(study);
    if (minResource === null) return false;
    let trials: readonly FrozenTrial[] | null = null;
    for (;;) {
      // Li et al. (2018), Algorithm 2: rung k is reached after r·η^(s+k) resource.
      const promotionStep = minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotionStep) return false;
      if (Number.isNaN(value)) return true;
      trials ??= study.getTrials();
      const key = completedRungKey(rung);
      study.setTrialSystemAttr(trial.trialId, key, value);
      // Values other trials recorded at this rung, plus this one (the snapshot may already
      // hold this trial's own record, so it is skipped by number).
      const competing: number[] = [value];
      for (const t of trials) {
        if (t.number === trial.number) continue;
        const v = t.systemAttrs[key];
        if (typeof v === "number") competing.push(v);
      }
      if (competing.length <= this.bootstrapCount) return true;
      if (!isPromotable(value, competing, this.reductionFactor, direction)) return true;
      rung++;
    }
  }
}
