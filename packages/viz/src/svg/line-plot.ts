/** Line plots with optional bands. */
import { escapeHtml } from "./escape.js";
import { frame, legend, legendWidth, type PlotOptions, pathData } from "./frame.js";

/** One line (with an optional band) of a line plot. */
export interface LineSeries {
  readonly label: string;
  readonly color: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Lower and upper edges of a band around the line (e.g. quartiles). */
  readonly lo?: readonly number[];
  readonly hi?: readonly number[];
  /** Dashed line (e.g. the Optuna side). @defaultValue false */
  readonly dashed?: boolean;
}

/**
 * A line plot with optional bands, as an `<svg>` string: each series is a
 * `<path class="series" data-series="label" data-points="n">` (broken where x or y is not
 * finite; omitted when no point is), each band a `<path class="band">`. y values are plotted
 * as given (pass log10 values with `logY` to label the axis in powers of ten).
 * @example
 * ```ts
 * const svg = linePlot(
 *   [{ label: "TPE", color: PALETTE[0]!, x: [1, 2, 3], y: [3, 2, 1.5], lo: [2.5, 1.8, 1.2], hi: [3.4, 2.3, 1.9] }],
 *   { kind: "score", title: "best so far", xLabel: "trial", yLabel: "value" },
 * );
 * ```
 */
export function linePlot(series: readonly LineSeries[], o: PlotOptions): string {
  const xs = series.flatMap((s) => s.x as number[]);
  const ys = series.flatMap((s) => [...s.y, ...(s.lo ?? []), ...(s.hi ?? [])]);
  const f = frame(o, xs, ys, legendWidth(series.map((s) => s.label)));
  for (const s of series) {
    if (s.lo === undefined || s.hi === undefined) continue;
    const upper = pathData(f, s.x, s.hi);
    const lowerPts: string[] = [];
    for (let i = s.x.length - 1; i >= 0; i--) {
      if (Number.isFinite(s.x[i]) && Number.isFinite(s.lo[i]))
        lowerPts.push(`L${f.px(s.x[i]!).toFixed(1)} ${f.py(s.lo[i]!).toFixed(1)}`);
    }
    if (upper.n > 1 && lowerPts.length > 1 && !upper.d.slice(1).includes("M")) {
      f.parts.push(
        `<path class="band" d="${upper.d}${lowerPts.join("")}Z" fill="${s.color}" fill-opacity="0.15" stroke="none"/>`,
      );
    }
  }
  for (const s of series) {
    const { d, n } = pathData(f, s.x, s.y);
    if (n === 0) continue;
    f.parts.push(
      `<path class="series" data-series="${escapeHtml(s.label)}" data-points="${n}" d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
    );
  }
  legend(f.parts, series, f.w);
  f.parts.push("</svg>");
  return f.parts.join("");
}
