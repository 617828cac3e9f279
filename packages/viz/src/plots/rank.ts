/**
 * The rank plot: for each pair of parameters, the completed trials coloured by the rank of
 * their objective (0 = best, 1 = worst, by the study's direction), so the region of good
 * trials shows whatever the scale of the objective (Optuna's `plot_rank`,
 * optuna/visualization/_rank.py, v5.0.0-rc1). Infeasible trials are grey. With one
 * parameter, the objective is on y.
 */
import { isFeasible, TrialState } from "@tunelab/study";
import { checkStudy, panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { paramPairs } from "./pairs.js";
import { type ParamAxis, paramAxes, paramDatum, paramEncoding } from "./params.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";

/** Options of {@link rankPlot}. */
export interface RankOptions extends TargetOptions, SizeOptions {
  /**
   * The parameters whose pairs are drawn.
   * @defaultValue every parameter of the study, in first-seen order
   */
  readonly params?: readonly string[];
}

/** A rank plot: one panel per pair of parameters (or objective against the one parameter). */
export function rankPlot(study: StudyLike, options: RankOptions = {}): PlotSpec {
  const where = "rankPlot";
  checkStudy(where, study);
  const { width, height } = panelSize(where, { width: 260, height: 260, ...options });
  const target = resolveTarget(where, study, options);
  const k = options.target === undefined ? (options.objective ?? 0) : 0;
  const sign = study.directions[k] === "maximize" ? -1 : 1;
  const axes = paramAxes(where, study.trials, options.params);
  const complete = study.trials.filter(
    (t) => t.state === TrialState.COMPLETE && Number.isFinite(target.value(t)),
  );
  // Rank among the feasible trials, ties sharing the lower rank, scaled to [0, 1].
  const feasible = complete.filter(isFeasible);
  const sorted = feasible.map((t) => sign * target.value(t)).sort((a, b) => a - b);
  const rankOf = (v: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < sign * v) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length <= 1 ? 0 : lo / (sorted.length - 1);
  };
  const row = (t: (typeof complete)[number], a: ParamAxis, b: ParamAxis | null) => ({
    trial: t.number,
    x: paramDatum(t, a),
    y: b === null ? target.value(t) : paramDatum(t, b),
    value: target.value(t),
    rank: isFeasible(t) ? rankOf(target.value(t)) : null,
    feasible: isFeasible(t),
  });
  const panel = (a: ParamAxis, b: ParamAxis | null) => ({
    width,
    height,
    data: {
      values: complete.map((t) => row(t, a, b)).filter((r) => r.x !== null && r.y !== null),
    },
    mark: { type: "point", filled: true, size: 30 },
    encoding: {
      x: paramEncoding(a, "x"),
      y:
        b === null
          ? { field: "y", type: "quantitative", title: target.name, scale: { zero: false } }
          : paramEncoding(b, "y"),
      color: {
        condition: {
          test: "datum.feasible",
          field: "rank",
          type: "quantitative",
          title: "rank",
          scale: { scheme: "redyellowblue", reverse: true, domain: [0, 1] },
        },
        value: "#bbbbbb",
      },
      tooltip: [
        { field: "trial", type: "quantitative" },
        { field: "value", type: "quantitative", title: "value" },
        { field: "rank", type: "quantitative", format: ".2f" },
      ],
    },
  });
  const panels =
    axes.length === 1 ? [panel(axes[0]!, null)] : paramPairs(where, axes).map(([a, b]) => panel(a, b));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Rank plot: ${study.studyName}`,
    columns: Math.min(3, panels.length),
    concat: panels,
    resolve: { scale: { color: "shared" } },
  } as PlotSpec;
}
