/**
 * Intermediate values: the learning curve each trial reported (`trial.report(value, step)`),
 * one line per trial, coloured and shaped by state so pruned, failed and running trials stand
 * out (Optuna's `plot_intermediate_values`, optuna/visualization/_intermediate_values.py,
 * v5.0.0-rc1, shows the same curves; the drawing is ours).
 */
import { checkStudy, panelSize } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";
import { stateColorScale, stateShapeScale } from "./states.js";

/** Options of {@link intermediateValues}. */
export interface IntermediateValuesOptions extends SizeOptions {
  /**
   * Draw the value axis on a log scale.
   * @defaultValue false
   */
  readonly logY?: boolean;
}

/**
 * One line per trial that reported intermediate values (x: step, y: value), with a point per
 * report; colour and shape by state. Non-finite values are left out.
 */
export function intermediateValues(study: StudyLike, options: IntermediateValuesOptions = {}): PlotSpec {
  const where = "intermediateValues";
  checkStudy(where, study);
  const { width, height } = panelSize(where, options);
  const rows: { trial: number; state: string; step: number; value: number }[] = [];
  for (const t of study.trials) {
    const steps = [...t.intermediateValues.keys()].sort((a, b) => a - b);
    for (const step of steps) {
      const value = t.intermediateValues.get(step)!;
      if (Number.isFinite(value)) rows.push({ trial: t.number, state: t.state, step, value });
    }
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Intermediate values: ${study.studyName}`,
    width,
    height,
    data: { values: rows },
    encoding: {
      x: { field: "step", type: "quantitative", title: "step" },
      y: {
        field: "value",
        type: "quantitative",
        title: "intermediate value",
        scale: options.logY === true ? { type: "log" } : { zero: false },
      },
      color: { field: "state", type: "nominal", title: "state", scale: stateColorScale() },
    },
    layer: [
      { mark: { type: "line", strokeWidth: 1, opacity: 0.8 }, encoding: { detail: { field: "trial" } } },
      {
        mark: { type: "point", filled: true, size: 14 },
        encoding: {
          shape: { field: "state", type: "nominal", scale: stateShapeScale(), legend: null },
          tooltip: [
            { field: "trial", type: "quantitative" },
            { field: "step", type: "quantitative" },
            { field: "value", type: "quantitative" },
          ],
        },
      },
    ],
  };
}
