/** Scatter plots with an optional reference curve. */
import { escapeHtml } from "./escape.js";
import { frame, legend, legendWidth, type PlotOptions } from "./frame.js";

/** One set of points of a scatter plot. */
export interface PointSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly (readonly number[])[];
}

/**
 * A scatter plot of point series (x = p[0], y = p[1]), with an optional reference curve drawn
 * as small grey dots (e.g. the true Pareto front), as an `<svg>` string: each series is a
 * `<g class="series" data-series="label" data-points="n">` of `<circle class="point">`
 * (points with a non-finite coordinate are left out; a series with none is omitted).
 * @example
 * ```ts
 * const svg = scatterPlot([{ label: "NSGA-II", color: PALETTE[1]!, points: [[0.1, 0.9], [0.5, 0.4]] }], {
 *   kind: "front", title: "Pareto front", xLabel: "f1", yLabel: "f2",
 * });
 * ```
 */
export function scatterPlot(
  series: readonly PointSeries[],
  o: PlotOptions,
  reference?: readonly (readonly number[])[],
): string {
  const all = [...series.flatMap((s) => s.points), ...(reference ?? [])];
  const entries = [...(reference ? [{ label: "true front", color: "#999" }] : []), ...series];
  const f = frame(
    o,
    all.map((p) => p[0]!),
    all.map((p) => p[1]!),
    legendWidth(entries.map((e) => e.label)),
  );
  if (reference !== undefined && reference.length > 0) {
    const sorted = reference.slice().sort((a, b) => a[0]! - b[0]!);
    for (const p of sorted) {
      f.parts.push(
        `<circle class="reference" cx="${f.px(p[0]!).toFixed(1)}" cy="${f.py(p[1]!).toFixed(1)}" r="1.2" fill="#999"/>`,
      );
    }
  }
  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    if (pts.length === 0) continue;
    f.parts.push(`<g class="series" data-series="${escapeHtml(s.label)}" data-points="${pts.length}">`);
    for (const p of pts) {
      f.parts.push(
        `<circle class="point" cx="${f.px(p[0]!).toFixed(1)}" cy="${f.py(p[1]!).toFixed(1)}" r="3" fill="${s.color}" fill-opacity="0.75"/>`,
      );
    }
    f.parts.push("</g>");
  }
  legend(
    f.parts,
    [...(reference ? [{ label: "true front", color: "#999" }] : []), ...series],
    o.width ?? 460,
  );
  f.parts.push("</svg>");
  return f.parts.join("");
}
