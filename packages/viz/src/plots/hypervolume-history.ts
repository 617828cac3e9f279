/**
 * The hypervolume history of a multi-objective study: after each completed trial (by trial
 * number), the hypervolume that the feasible completed trials so far dominate, bounded by the
 * reference point (Optuna's `plot_hypervolume_history`, optuna/visualization/
 * _hypervolume_history.py, v5.0.0-rc1). Maximized objectives are negated, as is the
 * reference, so the hypervolume is that of the minimization problem. Computed with the exact
 * hypervolume of `@tunelab/math/pareto`, recomputed from the current front after each trial
 * that enters it (trials that do not enter it leave the value unchanged).
 */
import { dominates, hypervolume } from "@tunelab/math/pareto";
import { isFeasible, TrialState } from "@tunelab/study";
import { checkStudy, panelSize } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";
import { checkMaxPoints, thinMask } from "./thin.js";

/** Options of {@link hypervolumeHistory}. */
export interface HypervolumeHistoryOptions extends SizeOptions {
  /**
   * The most trials drawn as points: above it, every change of the hypervolume, the last
   * trial and a systematic sample of the rest (the step line stays exact). An integer >= 10,
   * or Infinity.
   * @defaultValue Infinity
   */
  readonly maxPoints?: number;
}

/** The hypervolume after each completed trial, as rows (trial, hypervolume). */
export function hypervolumeRows(
  study: StudyLike,
  referencePoint: readonly number[],
): { trial: number; hypervolume: number }[] {
  const where = "hypervolumeHistory";
  checkStudy(where, study);
  const m = study.directions.length;
  if (m < 2) throw new RangeError(`${where}: the study must have at least 2 objectives, got ${m}`);
  if (!Array.isArray(referencePoint) || referencePoint.length !== m || !referencePoint.every(Number.isFinite))
    throw new RangeError(`${where}: referencePoint must hold ${m} finite numbers (one per objective)`);
  const sign = study.directions.map((d) => (d === "maximize" ? -1 : 1));
  const ref = referencePoint.map((r, k) => sign[k]! * r);
  const trials = study.trials
    .filter((t) => t.state === TrialState.COMPLETE && t.values !== null)
    .sort((a, b) => a.number - b.number);
  let front: Float64Array[] = [];
  let hv = 0;
  const rows: { trial: number; hypervolume: number }[] = [];
  for (const t of trials) {
    const p = Float64Array.from(t.values!, (v, k) => sign[k]! * v);
    const usable = isFeasible(t) && p.every((v) => !Number.isNaN(v) && v !== Number.NEGATIVE_INFINITY);
    const inside = usable && p.every((v, k) => v < ref[k]!);
    if (inside && !front.some((q) => dominates(q, p) || q.every((v, k) => v === p[k]))) {
      front = [...front.filter((q) => !dominates(p, q)), p];
      const flat = new Float64Array(front.length * m);
      for (const [i, q] of front.entries()) flat.set(q, i * m);
      hv = hypervolume(flat, m, ref);
    }
    rows.push({ trial: t.number, hypervolume: hv });
  }
  return rows;
}

/**
 * The hypervolume history as a step line over trial numbers.
 * @param referencePoint - one finite value per objective, in the objectives' own units
 *   (a maximized objective's reference is a lower bound).
 * @throws RangeError for a single-objective study or a reference point of the wrong length.
 */
export function hypervolumeHistory(
  study: StudyLike,
  referencePoint: readonly number[],
  options: HypervolumeHistoryOptions = {},
): PlotSpec {
  const all = hypervolumeRows(study, referencePoint);
  const { width, height } = panelSize("hypervolumeHistory", options);
  // Thinned: every change of the hypervolume kept, so the step line is exact.
  const keep = thinMask(
    all.length,
    checkMaxPoints("hypervolumeHistory", options.maxPoints),
    (i) => i === 0 || all[i]!.hypervolume !== all[i - 1]!.hypervolume,
  );
  const rows = all.filter((_, i) => keep[i] === 1);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Hypervolume history: ${study.studyName}`,
    width,
    height,
    data: { values: rows },
    mark: { type: "line", interpolate: "step-after", point: { filled: true, size: 12 } },
    encoding: {
      x: { field: "trial", type: "quantitative", title: "trial number" },
      y: { field: "hypervolume", type: "quantitative", title: "hypervolume" },
    },
  };
}
