/**
 * The benchmark report's Pareto-front chart of one two-objective function (or the first two
 * objectives): per method, the non-dominated points of its median run, over the analytic
 * front drawn as small grey points (the legend's last entry, "analytic front").
 */
import type { PlotSpec } from "@tunelab/viz/plots";
import { VEGA_LITE_SCHEMA } from "@tunelab/viz/plots";
import {
  type ChartOptions,
  chartSize,
  checkMethod,
  LEGEND_CONFIG,
  type MethodStyle,
  methodScales,
} from "./style.js";

/** One point of a method's front. */
export interface FrontRow {
  /** The method's label (one of `options.methods`). */
  readonly method: string;
  /** First objective. */
  readonly f1: number;
  /** Second objective. */
  readonly f2: number;
}

/** Options of {@link paretoFrontChart}. */
export interface ParetoFrontOptions extends ChartOptions {
  /** The methods in legend order with their colour. */
  readonly methods: readonly MethodStyle[];
}

/** The legend label of the analytic front. */
export const REFERENCE_LABEL = "analytic front";
const REFERENCE_COLOR = "#b0b0b0";

/**
 * The Vega-Lite spec of a Pareto-front chart. Points with a non-finite objective are left out.
 * @param reference the analytic front as [f1, f2] pairs (drawn first, under the methods' points)
 * @throws RangeError when a row names a method not in `options.methods` (or the reserved
 * "analytic front"), or on a bad size.
 * @example
 * ```ts
 * paretoFrontChart([{ method: "nsga2", f1: 0.2, f2: 0.6 }], [[0, 1], [1, 0]], {
 *   title: "zdt1: Pareto front", xLabel: "f1", yLabel: "f2", methods: [{ label: "nsga2", color: "#009E73" }],
 * });
 * ```
 */
export function paretoFrontChart(
  rows: readonly FrontRow[],
  reference: readonly (readonly number[])[],
  options: ParetoFrontOptions,
): PlotSpec {
  const where = "paretoFrontChart";
  const { width, height } = chartSize(where, options);
  const { domain, colors } = methodScales(where, options.methods);
  if (domain.includes(REFERENCE_LABEL))
    throw new RangeError(
      `${where}: options.methods must not name a method "${REFERENCE_LABEL}" (the reference's label)`,
    );
  const known = new Set(domain);
  const points = rows
    .map((r, i) => {
      checkMethod(where, `rows[${i}].method`, r.method, known);
      return { method: r.method, f1: r.f1, f2: r.f2, ref: false };
    })
    .filter((r) => Number.isFinite(r.f1) && Number.isFinite(r.f2));
  const ref = reference
    .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .map((p) => ({ method: REFERENCE_LABEL, f1: p[0]!, f2: p[1]!, ref: true }));
  const withRef = ref.length > 0;
  const encoding = {
    x: { field: "f1", type: "quantitative" as const, title: options.xLabel, scale: { zero: false } },
    y: { field: "f2", type: "quantitative" as const, title: options.yLabel, scale: { zero: false } },
    color: {
      field: "method",
      type: "nominal" as const,
      title: "method",
      scale: {
        domain: withRef ? [...domain, REFERENCE_LABEL] : domain,
        range: withRef ? [...colors, REFERENCE_COLOR] : colors,
      },
    },
  };
  const layers = [
    ...(withRef
      ? [{ data: { values: ref }, mark: { type: "point" as const, filled: true, size: 8 }, encoding }]
      : []),
    {
      data: { values: points },
      mark: { type: "point" as const, filled: true, size: 30, opacity: 0.85 },
      encoding,
    },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title,
    width,
    height,
    layer: layers,
    config: LEGEND_CONFIG,
  };
}
