/**
 * The benchmark report's score chart of one function: per method, the median best-so-far
 * score over seeds against the trial (or evaluation) count, with the interquartile band
 * (q1..q3) shaded in the method's colour; Optuna's methods dashed. A non-finite value breaks
 * the line and the band (nothing is drawn there) rather than joining its neighbours.
 */
import type { PlotSpec } from "@tunelab/viz/plots";
import { VEGA_LITE_SCHEMA } from "@tunelab/viz/plots";
import {
  type ChartOptions,
  chartSize,
  checkMethod,
  finiteOrNull,
  LEGEND_CONFIG,
  type MethodStyle,
  methodScales,
} from "./style.js";

/** One point of one method's curve. */
export interface CurveRow {
  /** The method's label (one of `options.methods`). */
  readonly method: string;
  /** The x value: trial or evaluation count. */
  readonly x: number;
  /** The median score there; non-finite is not drawn. */
  readonly median: number;
  /** The first quartile (band bottom); absent or non-finite: no band there. */
  readonly q1?: number;
  /** The third quartile (band top); absent or non-finite: no band there. */
  readonly q3?: number;
}

/** Options of {@link scoreCurveChart}. */
export interface ScoreCurveOptions extends ChartOptions {
  /** The methods in legend order with their colour and line style. */
  readonly methods: readonly MethodStyle[];
  /**
   * A log scale on the y axis (for positive values, e.g. milliseconds). The report's scores are
   * already log10 regrets, drawn on a linear axis titled "log10 ...".
   * @defaultValue false
   */
  readonly logY?: boolean;
}

/**
 * The Vega-Lite spec of a score chart: a band layer (area q1..q3, opacity 0.18) under a line
 * layer (median), colour and dash by method, one legend.
 * @throws RangeError when a row names a method not in `options.methods`, or on a bad size.
 * @example
 * ```ts
 * const spec = scoreCurveChart(
 *   [{ method: "tpe", x: 1, median: 0.3, q1: 0.1, q3: 0.5 }, { method: "tpe", x: 2, median: 0.1 }],
 *   { title: "branin", xLabel: "trials", yLabel: "log10 regret", methods: [{ label: "tpe", color: "#0072B2" }] },
 * );
 * const svg = await renderSvg(spec);
 * ```
 */
export function scoreCurveChart(rows: readonly CurveRow[], options: ScoreCurveOptions): PlotSpec {
  const where = "scoreCurveChart";
  const { width, height } = chartSize(where, options);
  const { domain, colors, dashes } = methodScales(where, options.methods);
  const known = new Set(domain);
  const values = rows.map((r, i) => {
    checkMethod(where, `rows[${i}].method`, r.method, known);
    const q1 = finiteOrNull(r.q1);
    const q3 = finiteOrNull(r.q3);
    const both = q1 !== null && q3 !== null;
    return {
      method: r.method,
      x: r.x,
      y: finiteOrNull(r.median),
      lo: both ? q1 : null,
      hi: both ? q3 : null,
    };
  });
  const logY = options.logY === true;
  const yScale = logY ? { type: "log" as const } : { zero: false };
  const color = {
    field: "method",
    type: "nominal" as const,
    scale: { domain, range: colors },
    title: "method",
  };
  // Both layers share the colour scale; the legends are resolved independently so that only the
  // line layer's shows (dashed strokes): merged, a `legend: null` in the band layer removes it, or
  // without that the legend shows band swatches.
  const hasBand = values.some((v) => v.lo !== null);
  const line = {
    mark: { type: "line" as const, strokeWidth: 1.6, invalid: "break-paths-show-domains" as const },
    encoding: {
      x: { field: "x", type: "quantitative" as const, title: options.xLabel, scale: { zero: false } },
      y: { field: "y", type: "quantitative" as const, title: options.yLabel, scale: yScale },
      color,
      strokeDash: {
        field: "method",
        type: "nominal" as const,
        scale: { domain, range: dashes },
        title: "method",
      },
    },
  };
  const band = {
    mark: { type: "area" as const, opacity: 0.18, invalid: "break-paths-show-domains" as const },
    encoding: {
      x: { field: "x", type: "quantitative" as const },
      y: { field: "lo", type: "quantitative" as const, scale: yScale },
      y2: { field: "hi" },
      color: { ...color, legend: null },
    },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title,
    width,
    height,
    data: { values },
    layer: hasBand ? [band, line] : [line],
    resolve: { legend: { color: "independent", strokeDash: "independent" } },
    config: LEGEND_CONFIG,
  };
}
