/**
 * Intermediate values: the learning curve each trial reported (`trial.report(value, step)`),
 * one line per trial, coloured and shaped by state so pruned, failed and running trials stand
 * out (Optuna's `plot_intermediate_values`, optuna/visualization/_intermediate_values.py,
 * v5.0.0-rc1, shows the same curves; the drawing is ours).
 *
 * Each curve is drawn as its segments, one `rule` mark for all of them (a segment per pair of
 * consecutive reports of a trial, made from the reports in the renderer by a window transform,
 * `lead` by trial and step, so the page ships the reports only), not as a `line` mark with a
 * `detail` channel: Vega-Lite
 * draws the latter as a facet, a group with its own dataflow per trial, which made this plot
 * the costliest of a 10,000-trial page (1,000 curves drawn: 0.6-0.9 s of its 1.5-1.6 s in
 * Chromium, packages/viz/README.md, "Report speed"). The picture is the same (1-pixel
 * segments with round caps meet where the line's joins were; each segment, like each line,
 * drawn at 0.8 opacity).
 */
import { checkStudy, panelSize } from "./checks.js";
import {
  type PlotSpec,
  type SizeOptions,
  type StudyLike,
  segmentTransforms,
  VEGA_LITE_SCHEMA,
} from "./spec.js";
import { stateColorScale, stateShapeScale } from "./states.js";
import { pixelColumnPoints } from "./thin.js";

/** Options of {@link intermediateValues}. */
export interface IntermediateValuesOptions extends SizeOptions {
  /**
   * Draw the value axis on a log scale.
   * @defaultValue false
   */
  readonly logY?: boolean;
  /**
   * Draw each curve with only the reports that change it at the plot's width: the step axis
   * cut into `width` pixel columns (from the smaller of 0 and the first step to the larger of
   * 0 and the last, the least the axis shows), and per curve and column the first, last,
   * lowest and highest report kept (`pixelColumnPoints`), so every report has a point of the
   * drawn curve at its value less than a pixel away along the step axis; at most 4 points per
   * curve and column, and exact when no curve has more than 4 reports in a column. Points
   * (and their tooltips) are drawn for the kept reports only. When reports were left out, the
   * spec's `description` says how many.
   * @defaultValue false
   */
  readonly thinToWidth?: boolean;
}

/**
 * One curve per trial that reported intermediate values (x: step, y: value; drawn as the
 * segments between its consecutive reports, see the file's header), with a point per report;
 * colour and shape by state. Non-finite values are left out.
 */
export function intermediateValues(study: StudyLike, options: IntermediateValuesOptions = {}): PlotSpec {
  const where = "intermediateValues";
  checkStudy(where, study);
  const { width, height } = panelSize(where, options);
  const curves = study.trials.map((t) => {
    const steps = [...t.intermediateValues.keys()]
      .sort((a, b) => a - b)
      .filter((s) => Number.isFinite(t.intermediateValues.get(s)));
    return { t, steps, values: steps.map((s) => t.intermediateValues.get(s)!) };
  });
  let reports = 0;
  let lo = 0;
  let hi = 0;
  for (const c of curves) {
    reports += c.steps.length;
    if (c.steps.length > 0) {
      lo = Math.min(lo, c.steps[0]!);
      hi = Math.max(hi, c.steps[c.steps.length - 1]!);
    }
  }
  const pixel = options.thinToWidth === true && hi > lo ? (hi - lo) / width : Number.NaN;
  const rows: { trial: number; state: string; step: number; value: number }[] = [];
  for (const { t, steps, values } of curves)
    for (const i of pixelColumnPoints(steps, values, lo, pixel))
      rows.push({ trial: t.number, state: t.state, step: steps[i]!, value: values[i]! });
  const fmt = (n: number): string => n.toLocaleString("en-US");
  const description =
    rows.length < reports
      ? `curves: ${fmt(rows.length)} of ${fmt(reports)} reported values drawn: per curve, the first, last, lowest and highest of each pixel column (${fmt((hi - lo) / width)} steps), so each curve is within a pixel of its every report`
      : undefined;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Intermediate values: ${study.studyName}`,
    ...(description === undefined ? {} : { description }),
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
      {
        // Each report joined to the trial's next one.
        transform: segmentTransforms("step", "step", "value", "step2", "value2"),
        mark: { type: "rule", strokeWidth: 1, opacity: 0.8, strokeCap: "round" },
        encoding: { x2: { field: "step2" }, y2: { field: "value2" } },
      },
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
