/**
 * The frame every inline SVG plot is drawn in: the `<svg>` element with its title, the axes
 * with round ticks and labels scaled to the data, the legend column right of the axes, and
 * the path data of a polyline. Plots (`linePlot`, `scatterPlot`) add their series to it.
 */
import { escapeHtml } from "./escape.js";
import { niceTicks, tickLabel } from "./ticks.js";

/** Options every plot takes. */
export interface PlotOptions {
  /** What the plot shows, written to the svg's `data-plot` attribute (e.g. "score", "front"). */
  readonly kind: string;
  /** The title above the plot (and the svg's accessible name). */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /**
   * The y values are logarithms (base 10) of the quantity: informational, the caller puts
   * "log10" in the axis label. @defaultValue false
   */
  readonly logY?: boolean;
  /** @defaultValue 460 */
  readonly width?: number;
  /** @defaultValue 300 */
  readonly height?: number;
  /** Extra data-* attributes on the svg element. */
  readonly data?: Readonly<Record<string, string>>;
}

/** A plot being drawn: its size, data ranges, scales and the SVG parts so far. */
export interface Frame {
  readonly w: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly px: (x: number) => number;
  readonly py: (y: number) => number;
  readonly parts: string[];
}

/** Width of the legend column for these labels. */
export function legendWidth(labels: readonly string[]): number {
  return labels.length === 0 ? 0 : Math.max(...labels.map((l) => l.length), 4) * 5.6 + 30;
}

/** Starts a plot: the svg element, title, grid, ticks, axes and axis labels for data spanning xs × ys. */
export function frame(o: PlotOptions, xs: number[], ys: number[], legendW: number): Frame {
  // The legend sits in a column right of the axes, so it never hides data.
  const w = (o.width ?? 460) + legendW;
  const h = o.height ?? 300;
  const m = { l: 58, r: 12 + legendW, t: 28, b: 42 };
  const fx = xs.filter(Number.isFinite);
  const fy = ys.filter(Number.isFinite);
  let x0 = Math.min(...fx);
  let x1 = Math.max(...fx);
  let y0 = Math.min(...fy);
  let y1 = Math.max(...fy);
  if (!Number.isFinite(x0)) [x0, x1] = [0, 1];
  if (!Number.isFinite(y0)) [y0, y1] = [0, 1];
  if (x1 === x0) [x0, x1] = [x0 - 0.5, x1 + 0.5];
  if (y1 === y0) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const pad = (y1 - y0) * 0.04;
  y0 -= pad;
  y1 += pad;
  const px = (x: number): number => m.l + ((x - x0) / (x1 - x0)) * (w - m.l - m.r);
  const py = (y: number): number => h - m.b - ((y - y0) / (y1 - y0)) * (h - m.t - m.b);
  const data = Object.entries(o.data ?? {})
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join("");
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot" data-plot="${escapeHtml(o.kind)}"${data} viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(o.title)}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#fff"/>`,
    `<text x="${w / 2}" y="16" text-anchor="middle" class="plot-title">${escapeHtml(o.title)}</text>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    const x = px(t);
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${h - m.b}" x2="${x.toFixed(1)}" y2="${m.t}" class="grid"/>`,
      `<text x="${x.toFixed(1)}" y="${h - m.b + 14}" text-anchor="middle" class="tick">${escapeHtml(tickLabel(t))}</text>`,
    );
  }
  for (const t of niceTicks(y0, y1)) {
    const y = py(t);
    parts.push(
      `<line x1="${m.l}" y1="${y.toFixed(1)}" x2="${w - m.r}" y2="${y.toFixed(1)}" class="grid"/>`,
      `<text x="${m.l - 4}" y="${(y + 3).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(tickLabel(t))}</text>`,
    );
  }
  parts.push(
    `<rect x="${m.l}" y="${m.t}" width="${w - m.l - m.r}" height="${h - m.t - m.b}" class="axes"/>`,
    `<text x="${(m.l + w - m.r) / 2}" y="${h - 6}" text-anchor="middle" class="axis-label">${escapeHtml(o.xLabel)}</text>`,
    `<text transform="translate(13 ${(m.t + h - m.b) / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${escapeHtml(o.yLabel)}</text>`,
  );
  return { w, x0, x1, y0, y1, px, py, parts };
}

/** Path data of a polyline, broken at non-finite points. */
export function pathData(f: Frame, x: readonly number[], y: readonly number[]): { d: string; n: number } {
  let d = "";
  let pen = false;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${f.px(x[i]!).toFixed(1)} ${f.py(y[i]!).toFixed(1)}`;
    pen = true;
    n++;
  }
  return { d, n };
}

/** Appends the legend (a line and a label per series) in the column right of the axes. */
export function legend(
  parts: string[],
  series: readonly { label: string; color: string; dashed?: boolean }[],
  w: number,
): void {
  const x = w - legendWidth(series.map((s) => s.label)) + 4;
  series.forEach((s, i) => {
    const y = 38 + i * 13;
    parts.push(
      `<line x1="${x}" y1="${y}" x2="${x + 16}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 2"' : ""}/>`,
      `<text x="${x + 20}" y="${y + 3}" class="legend">${escapeHtml(s.label)}</text>`,
    );
  });
}
