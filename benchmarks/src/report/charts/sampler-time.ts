/**
 * The benchmark report's sampler-time chart: per method, the median time its sampler spent on
 * trial n (over all runs of the method), on a log10 millisecond axis; Optuna's methods dashed.
 * Times of zero or less (below the timer's resolution) have no place on a log axis and break
 * the line there.
 */
import type { PlotSpec } from "@tunelab/viz/plots";
import { type CurveRow, scoreCurveChart } from "./score-curves.js";
import type { ChartOptions, MethodStyle } from "./style.js";

/** One point: a method's median sampler time on one trial. */
export interface TimingRow {
  /** The method's label (one of `options.methods`). */
  readonly method: string;
  /** The trial number (1-based). */
  readonly trial: number;
  /** Median milliseconds; non-positive or non-finite is not drawn. */
  readonly ms: number;
}

/** Options of {@link samplerTimeChart}. */
export interface SamplerTimeOptions extends Omit<ChartOptions, "xLabel" | "yLabel"> {
  /** The methods in legend order with their colour and line style. */
  readonly methods: readonly MethodStyle[];
  /**
   * Title of the x axis.
   * @defaultValue "trial"
   */
  readonly xLabel?: string;
  /**
   * Title of the y axis.
   * @defaultValue "ms per trial (log scale)"
   */
  readonly yLabel?: string;
}

/**
 * The Vega-Lite spec of the sampler-time chart: a line per method on a log y axis, no band.
 * @throws RangeError when a row names a method not in `options.methods`, or on a bad size.
 * @example
 * ```ts
 * samplerTimeChart([{ method: "tpe", trial: 1, ms: 0.8 }, { method: "tpe", trial: 2, ms: 1.1 }], {
 *   title: "sampler time per trial", methods: [{ label: "tpe", color: "#0072B2" }],
 * });
 * ```
 */
export function samplerTimeChart(rows: readonly TimingRow[], options: SamplerTimeOptions): PlotSpec {
  const curve: CurveRow[] = rows.map((r) => ({
    method: r.method,
    x: r.trial,
    median: r.ms > 0 ? r.ms : Number.NaN,
  }));
  return scoreCurveChart(curve, {
    ...options,
    xLabel: options.xLabel ?? "trial",
    yLabel: options.yLabel ?? "ms per trial (log scale)",
    logY: true,
  });
}
