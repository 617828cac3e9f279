/**
 * Parallel coordinates: one polyline per completed trial across an axis for the objective and
 * one per parameter, coloured by the objective (Optuna's `plot_parallel_coordinate`,
 * optuna/visualization/_parallel_coordinate.py, v5.0.0-rc1). Each axis is normalised to
 * [0, 1] here: log parameters in log10 space, categorical ones by choice index; the end
 * labels (and every choice of a categorical axis) are drawn as text, so the positions read
 * back to values. Trials lacking one of the parameters (conditional spaces) are left out, as
 * in Optuna.
 *
 * Each polyline is drawn as its segments, one `rule` mark for all (a segment from each axis to
 * the next per trial, made in the renderer by a window transform, `lead` by trial and axis
 * index, so the page ships a row per trial and axis only), not as a `line` mark with a
 * `detail` channel: Vega-Lite draws the
 * latter as a facet, a group with its own dataflow per trial, which made this plot one of the
 * two costliest of a 10,000-trial page in Chromium (packages/viz/README.md, "Report speed").
 * The picture is the same (1-pixel segments with round caps meet at the axes; each at 0.7
 * opacity, as each line was).
 */
import { TrialState } from "@tunelab/study";
import { checkStudy, panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { type ParamAxis, paramAxes, paramDatum } from "./params.js";
import {
  type PlotSpec,
  type SizeOptions,
  type StudyLike,
  segmentTransforms,
  VEGA_LITE_SCHEMA,
} from "./spec.js";

/** Options of {@link parallelCoordinate}. */
export interface ParallelCoordinateOptions extends TargetOptions, SizeOptions {
  /**
   * The parameters drawn, in axis order.
   * @defaultValue every parameter of the study, in first-seen order
   */
  readonly params?: readonly string[];
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}

/** Normalises a column of values on one axis: positions in [0, 1] and the labels to draw. */
function normalise(
  axis: ParamAxis | null,
  values: readonly (number | string)[],
): { pos: number[]; ticks: { pos: number; label: string }[] } {
  if (axis !== null && axis.kind === "categorical") {
    const k = axis.choices.length;
    const at = (c: string) => (k === 1 ? 0.5 : axis.choices.indexOf(c) / (k - 1));
    return {
      pos: values.map((v) => at(String(v))),
      ticks: axis.choices.map((c) => ({ pos: at(c), label: c })),
    };
  }
  const log = axis !== null && axis.kind === "log";
  const t = (v: number) => (log ? Math.log10(v) : v);
  const nums = values.map((v) => t(v as number));
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const span = hi - lo;
  const ticks =
    nums.length === 0
      ? []
      : [
          { pos: 0, label: fmt(log ? 10 ** lo : lo) },
          { pos: 1, label: fmt(log ? 10 ** hi : hi) },
        ];
  return {
    pos: nums.map((v) => (span > 0 ? (v - lo) / span : 0.5)),
    ticks: span > 0 ? ticks : ticks.slice(0, 1),
  };
}

/** A parallel-coordinates plot: the objective axis first, then each parameter. */
export function parallelCoordinate(study: StudyLike, options: ParallelCoordinateOptions = {}): PlotSpec {
  const where = "parallelCoordinate";
  checkStudy(where, study);
  const { width, height } = panelSize(where, { width: 600, ...options });
  const target = resolveTarget(where, study, options);
  const axes = paramAxes(where, study.trials, options.params);
  const trials = study.trials.filter(
    (t) =>
      t.state === TrialState.COMPLETE &&
      Number.isFinite(target.value(t)) &&
      axes.every((a) => paramDatum(t, a) !== null),
  );
  const names = [target.name, ...axes.map((a) => (a.kind === "log" ? `${a.name} (log)` : a.name))];
  // Axis names are data; a parameter named like the target gets a suffix so axes stay distinct.
  const axisNames = names.map((n, i) => (i > 0 && names.indexOf(n) < i ? `${n} (param)` : n));
  const columns = [
    normalise(
      null,
      trials.map((t) => target.value(t)),
    ),
    ...axes.map((a) =>
      normalise(
        a,
        trials.map((t) => paramDatum(t, a)!),
      ),
    ),
  ];
  const lines: { trial: number; axis: string; index: number; pos: number; objective: number }[] = [];
  trials.forEach((t, i) => {
    columns.forEach((c, j) => {
      lines.push({
        trial: t.number,
        axis: axisNames[j]!,
        index: j,
        pos: c.pos[i]!,
        objective: target.value(t),
      });
    });
  });
  const ticks = columns.flatMap((c, j) => c.ticks.map((tick) => ({ axis: axisNames[j]!, ...tick })));
  const x = {
    field: "axis",
    type: "nominal" as const,
    title: null,
    scale: { domain: axisNames },
    sort: null,
    axis: { labelAngle: 0 },
  };
  const y = { field: "pos", type: "quantitative" as const, axis: null, scale: { domain: [0, 1] } };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Parallel coordinates: ${study.studyName}`,
    width,
    height,
    layer: [
      {
        data: { values: axisNames.map((axis) => ({ axis })) },
        mark: { type: "rule", color: "#bbb" },
        encoding: { x },
      },
      {
        data: { values: lines },
        // Each trial's point on an axis joined to its point on the next axis.
        transform: segmentTransforms("index", "axis", "pos", "axis2", "pos2"),
        mark: { type: "rule", strokeWidth: 1, opacity: 0.7, strokeCap: "round" },
        encoding: {
          x,
          x2: { field: "axis2" },
          y,
          y2: { field: "pos2" },
          color: {
            field: "objective",
            type: "quantitative",
            title: target.name,
            scale: { scheme: "viridis" },
          },
        },
      },
      {
        data: { values: ticks },
        mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#333" },
        encoding: { x, y, text: { field: "label" } },
      },
    ],
  } as PlotSpec;
}
