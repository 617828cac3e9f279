/**
 * The optimization history: the objective of each completed trial by trial number, and the
 * best value so far as a step line, for one study or several (each in its own colour, or, with
 * `errorBand`, their mean best-so-far with a band of ± one standard deviation over studies).
 * What it shows follows Optuna's `plot_optimization_history` (optuna/visualization/
 * _optimization_history.py, v5.0.0-rc1); the drawing is ours.
 */
import { type FrozenTrial, isFeasible, TrialState } from "@tunelab/study";
import { checkStudy, distinctNames, panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";
import { checkMaxPoints, thinMask } from "./thin.js";

/** Options of {@link optimizationHistory}. */
export interface OptimizationHistoryOptions extends TargetOptions, SizeOptions {
  /**
   * With several studies: draw the mean best-so-far over the studies with a band of ± one
   * standard deviation (the studies are taken as repetitions, e.g. seeds) instead of one line
   * per study.
   * @defaultValue false
   */
  readonly errorBand?: boolean;
  /**
   * Draw the objective axis on a log scale (the values must then be positive).
   * @defaultValue false
   */
  readonly logY?: boolean;
  /**
   * The most trials drawn as points per study: above it, the points are every improvement of
   * the best so far, the last trial, and a systematic sample (every k-th by number) of the
   * rest; the best-so-far line stays exact (a step line only changes at improvements, which
   * are all kept). An integer >= 10, or Infinity.
   * @defaultValue Infinity
   */
  readonly maxPoints?: number;
}

interface HistoryRow {
  study: string;
  trial: number;
  value: number;
  best: number | null;
}

function historyRows(
  where: string,
  study: StudyLike,
  label: string,
  o: OptimizationHistoryOptions,
): HistoryRow[] {
  const target = resolveTarget(where, study, o);
  // Best so far only where a direction applies: the objective itself, not a custom target.
  const k = o.target === undefined ? (o.objective ?? 0) : -1;
  const sign = k < 0 ? 0 : study.directions[k] === "maximize" ? -1 : 1;
  const rows: HistoryRow[] = [];
  let best = Number.POSITIVE_INFINITY;
  const complete = study.trials
    .filter((t: FrozenTrial) => t.state === TrialState.COMPLETE)
    .sort((a, b) => a.number - b.number);
  for (const t of complete) {
    const v = target.value(t);
    if (!Number.isFinite(v)) continue;
    if (sign !== 0 && isFeasible(t) && sign * v < best) best = sign * v;
    rows.push({
      study: label,
      trial: t.number,
      value: v,
      best: sign === 0 || !Number.isFinite(best) ? null : sign * best,
    });
  }
  // With errorBand the studies' rows are averaged by trial number: never thinned.
  return o.errorBand === true ? rows : thinRows(rows, o.maxPoints ?? Number.POSITIVE_INFINITY);
}

/** `rows` (one study's, by number) thinned to about `max`: improvements, the last, every k-th. */
function thinRows(rows: HistoryRow[], max: number): HistoryRow[] {
  const keep = thinMask(rows.length, max, (i) => i === 0 || rows[i]!.best !== rows[i - 1]!.best);
  return rows.filter((_, i) => keep[i] === 1);
}

/**
 * The optimization history of one study or several (their names tell them apart).
 * @throws RangeError for a multi-objective study without `objective` or `target`, for an
 *   empty list of studies, or for `errorBand` with a custom `target`.
 * @example
 * ```ts
 * await writeSvg(optimizationHistory([studyA, studyB], { errorBand: true }), "history.svg");
 * ```
 */
export function optimizationHistory(
  studies: StudyLike | readonly StudyLike[],
  options: OptimizationHistoryOptions = {},
): PlotSpec {
  const where = "optimizationHistory";
  const list: readonly StudyLike[] = Array.isArray(studies) ? studies : [studies as StudyLike];
  if (list.length === 0) throw new RangeError(`${where}: studies must hold at least one study, got none`);
  for (const s of list) checkStudy(where, s);
  const { width, height } = panelSize(where, options);
  checkMaxPoints(where, options.maxPoints);
  const name = resolveTarget(where, list[0]!, options).name;
  const labels = distinctNames(list);
  const rows = list.flatMap((s, i) => historyRows(where, s, labels[i]!, options));
  const y = {
    type: "quantitative" as const,
    title: name,
    scale: options.logY === true ? { type: "log" as const } : { zero: false },
  };
  const x = { field: "trial", type: "quantitative" as const, title: "trial number" };
  const title = list.length === 1 ? `Optimization history: ${list[0]!.studyName}` : "Optimization history";
  if (options.errorBand === true && list.length > 1) {
    if (options.target !== undefined)
      throw new RangeError(`${where}: errorBand needs the objective (best so far), not a custom target`);
    return {
      $schema: VEGA_LITE_SCHEMA,
      title,
      width,
      height,
      data: { values: rows },
      layer: [
        {
          mark: { type: "point", opacity: 0.35, size: 12 },
          encoding: { x, y: { ...y, field: "value" }, color: { value: "#888" } },
        },
        {
          transform: [{ filter: "datum.best !== null" }],
          mark: { type: "errorband", extent: "stdev", color: "#0072B2", opacity: 0.3 },
          encoding: { x, y: { ...y, field: "best" } },
        },
        {
          transform: [{ filter: "datum.best !== null" }],
          mark: { type: "line", color: "#0072B2", interpolate: "step-after" },
          encoding: {
            x,
            y: { ...y, field: "best", aggregate: "mean", title: `best ${name} (mean over studies)` },
          },
        },
      ],
    };
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width,
    height,
    data: { values: rows },
    encoding: { x, color: { field: "study", type: "nominal", title: "study", sort: null } },
    layer: [
      { mark: { type: "point", filled: true, size: 24 }, encoding: { y: { ...y, field: "value" } } },
      {
        transform: [{ filter: "datum.best !== null" }],
        mark: { type: "line", interpolate: "step-after" },
        encoding: { y: { ...y, field: "best", title: name }, detail: { field: "study" } },
      },
    ],
  };
}
