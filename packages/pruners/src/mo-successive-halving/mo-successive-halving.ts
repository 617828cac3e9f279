/**
 * MoSuccessiveHalvingPruner: asynchronous successive halving for several objectives (MO-ASHA).
 *
 * Schmucker, Donini, Zafar, Salinas, Archambeau (2021), "Multi-objective Asynchronous
 * Successive Halving" (arXiv:2106.12639): ASHA (Li et al. 2018, Algorithm 2) whose rungs rank
 * vectors instead of numbers. The ranking here is NSGA-II's (Deb, Pratap, Agarwal, Meyarivan
 * 2002): non-domination rank first, then crowding distance within the front (larger is
 * better), as issue 14 asks; which of the rankings that paper compares it recommends was not
 * checked for this code. Notation as in
 * {@link SuccessiveHalvingPruner}: r = `minResource`, η = `reductionFactor`,
 * s = `minEarlyStoppingRate`; rung k at step r·η^(s+k).
 *
 * The rule. When a trial's largest reported step reaches the step of its next rung k, its
 * vector at that step is recorded (system attribute `mo_completed_rung_k`) and compared with
 * the vectors recorded at rung k by every trial so far (itself included), C, |C| = n, ordered
 * by trial number. With ρ(x) the non-domination rank of x in C and c(x) the crowding distance
 * of x within its front, a competitor is "ahead" of v when ρ < ρ(v), or ρ = ρ(v) and
 * c > c(v). The trial goes on when fewer than max(1, ⌊n/η⌋) competitors are ahead of it, and
 * is pruned otherwise. A report that passes several rungs records the vector at each.
 * - With one objective, "ahead" is "strictly better", and the rule is ASHA's decision for
 *   decision (a tie with the cut-off goes on); the tests replay curves through both.
 * - Ties: equal vectors share a rank and are never ahead of each other by rank; crowding
 *   separates points of one front only when some are strictly more isolated.
 * - NaN: a vector with a NaN entry at a rung is pruned; vectors with NaN recorded by others are
 *   left out of C. ±Infinity ranks as a number; a front holding ±Infinity has no crowding
 *   distance (every point of it counts as equally crowded).
 * - Too few trials: the first trial at a rung always goes on; with fewer than η values only
 *   those with nothing ahead of them do.
 * - Missing steps: a rung is reached at the first reported step ≥ its step.
 *
 * Only numeric resources: there is no "auto" minimum resource here.
 */
import { crowdingDistance, nonDominatedRanks } from "@tunelab/math/pareto";
import {
  encodeIntermediateVector,
  type FrozenTrial,
  intermediateVectors,
  type JsonValue,
  type Pruner,
  type StudyView,
} from "@tunelab/study";
import { checkInteger } from "../intermediate/check.js";

/** Options of {@link MoSuccessiveHalvingPruner}. */
export interface MoSuccessiveHalvingPrunerOptions {
  /** r ≥ 1: the step of the first rung (times η^s). @defaultValue 1 */
  readonly minResource?: number;
  /** η ≥ 2: keep the top 1/η at each rung; rungs are η times apart. @defaultValue 4 */
  readonly reductionFactor?: number;
  /** s ≥ 0: the first rung is at r·η^s. @defaultValue 0 */
  readonly minEarlyStoppingRate?: number;
}

/** The system attribute under which a trial's vector at rung `rung` is recorded. */
export function moCompletedRungKey(rung: number): string {
  return `mo_completed_rung_${rung}`;
}

function decodeVector(raw: JsonValue | undefined): number[] | null {
  if (!Array.isArray(raw as unknown)) return null;
  return (raw as JsonValue[]).map((x) =>
    typeof x === "number" ? x : x === "Infinity" ? Infinity : x === "-Infinity" ? -Infinity : Number.NaN,
  );
}

/**
 * Whether the vector at index `self` of `points` (row-major n×m, minimized, no NaN) has fewer
 * than `keep` competitors ahead of it (lower non-domination rank, or the same rank and a larger
 * crowding distance).
 */
export function isMoPromotable(points: Float64Array, m: number, self: number, keep: number): boolean {
  const n = points.length / m;
  const ranks = nonDominatedRanks(points, m);
  const own = ranks[self]!;
  let ahead = 0;
  const front: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ranks[i]! < own) ahead++;
    else if (ranks[i] === own) front.push(i);
  }
  if (ahead >= keep) return false;
  if (m > 1 && front.length > 2) {
    let finite = true;
    for (const i of front)
      for (let j = 0; j < m; j++) if (!Number.isFinite(points[i * m + j]!)) finite = false;
    if (finite) {
      // The front's vectors alone: crowdingDistance checks every point it is given, and
      // vectors outside the front (ranked behind) may hold ±Infinity.
      const own = new Float64Array(front.length * m);
      front.forEach((i, k) => {
        for (let j = 0; j < m; j++) own[k * m + j] = points[i * m + j]!;
      });
      const c = crowdingDistance(own, m);
      const mine = c[front.indexOf(self)]!;
      for (let k = 0; k < front.length; k++) if (c[k]! > mine) ahead++;
    }
  }
  return ahead < keep;
}

/**
 * MO-ASHA: at steps r·η^(s+k), keep a trial only if fewer than max(1, ⌊n/η⌋) of the n vectors
 * recorded at that rung rank ahead of it (non-domination rank, then crowding distance).
 * @example
 * ```ts
 * const pruner = new MoSuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
 * const study = await createStudy({ directions: ["minimize", "minimize"], sampler, pruner });
 * // in the objective: await trial.report([loss, gpuHours], step); if (trial.shouldPrune()) ...
 * ```
 */
export class MoSuccessiveHalvingPruner implements Pruner {
  readonly minResource: number;
  readonly reductionFactor: number;
  readonly minEarlyStoppingRate: number;

  /**
   * @throws RangeError if `minResource` is not an integer ≥ 1, `reductionFactor` not one ≥ 2,
   * or `minEarlyStoppingRate` not one ≥ 0.
   */
  constructor(options: MoSuccessiveHalvingPrunerOptions = {}) {
    const where = "MoSuccessiveHalvingPruner";
    this.minResource = checkInteger(where, "minResource", options.minResource ?? 1, 1);
    this.reductionFactor = checkInteger(where, "reductionFactor", options.reductionFactor ?? 4, 2);
    this.minEarlyStoppingRate = checkInteger(
      where,
      "minEarlyStoppingRate",
      options.minEarlyStoppingRate ?? 0,
      0,
    );
  }

  /** Records the trial's vector at each rung it has newly reached and decides promotion there. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    const own = intermediateVectors(trial);
    if (own.size === 0) return false;
    let step = -1;
    for (const s of own.keys()) if (s > step) step = s;
    const raw = own.get(step)!;
    const directions = study.directions;
    const m = raw.length;
    // all objectives minimized
    const v = raw.map((x, j) => (directions[j] === "maximize" ? -x : x));
    let rung = 0;
    while (moCompletedRungKey(rung) in trial.systemAttrs) rung++;
    let trials: readonly FrozenTrial[] | null = null;
    for (;;) {
      // Li et al. (2018), Algorithm 2: rung k is reached after r·η^(s+k) resource.
      const promotionStep = this.minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotionStep) return false;
      if (v.some(Number.isNaN)) return true;
      trials ??= study.getTrials();
      const key = moCompletedRungKey(rung);
      study.setTrialSystemAttr(trial.trialId, key, encodeIntermediateVector(raw));
      // C ordered by trial number, this trial at its place (its own record in the snapshot skipped)
      const rows: number[][] = [];
      let self = -1;
      let placed = false;
      for (const t of trials) {
        if (!placed && t.number > trial.number) {
          self = rows.length;
          rows.push(v);
          placed = true;
        }
        if (t.number === trial.number) continue;
        const u = decodeVector(t.systemAttrs[key]);
        if (u === null || u.length !== m || u.some(Number.isNaN)) continue;
        rows.push(u.map((x, j) => (directions[j] === "maximize" ? -x : x)));
      }
      if (!placed) {
        self = rows.length;
        rows.push(v);
      }
      const points = new Float64Array(rows.length * m);
      for (let i = 0; i < rows.length; i++) points.set(rows[i]!, i * m);
      const keep = Math.max(1, Math.floor(rows.length / this.reductionFactor));
      if (!isMoPromotable(points, m, self, keep)) return true;
      rung++;
    }
  }
}
