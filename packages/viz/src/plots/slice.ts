/**
 * The slice plot: for each parameter, the objective of each completed trial against the
 * parameter's value, coloured by trial number (Optuna's `plot_slice`, optuna/visualization/
 * _slice.py, v5.0.0-rc1). Log parameters on a log axis, categorical ones on a band of their
 * choices. Parameter names are data (a `param` field), so any name is safe.
 */
import { TrialState } from "@tunelab/study";
import { checkStudy, panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { paramAxes, paramDatum, paramEncoding } from "./params.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";

/** Options of {@link slicePlot}. */
export interface SliceOptions extends TargetOptions, SizeOptions {
  /**
   * The parameters drawn, one panel each, in this order.
   * @defaultValue every parameter of the study, in first-seen order
   */
  readonly params?: readonly string[];
}

/** One panel per parameter (side by side): objective against the parameter's value. */
export function slicePlot(study: StudyLike, options: SliceOptions = {}): PlotSpec {
  const where = "slicePlot";
  checkStudy(where, study);
  const { width, height } = panelSize(where, { width: 250, height: 250, ...options });
  const target = resolveTarget(where, study, options);
  const complete = study.trials.filter((t) => t.state === TrialState.COMPLETE);
  const axes = paramAxes(where, study.trials, options.params);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Slice plot: ${study.studyName}`,
    hconcat: axes.map((axis) => ({
      width,
      height,
      data: {
        values: complete
          .map((t) => ({ trial: t.number, x: paramDatum(t, axis), value: target.value(t) }))
          .filter((r) => r.x !== null && Number.isFinite(r.value)),
      },
      mark: { type: "point", filled: true, size: 28 },
      encoding: {
        x: paramEncoding(axis, "x"),
        y: { field: "value", type: "quantitative", title: target.name, scale: { zero: false } },
        color: { field: "trial", type: "quantitative", title: "trial", scale: { scheme: "blues" } },
        tooltip: [
          { field: "trial", type: "quantitative" },
          { field: "x", title: "parameter value" },
          { field: "value", type: "quantitative" },
        ],
      },
    })),
    resolve: { scale: { color: "shared" } },
  } as PlotSpec;
}
