/**
 * Inline SVG plots, generated as strings (no library, no script): line plots with optional
 * interquartile bands and scatter plots, with axes, ticks and a legend. Each plot is an
 * `<svg data-plot="...">` whose data series are `<path class="series" data-series="...">`
 * (or `<circle class="point">` groups), so a test can check that data was drawn.
 */

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

/** One set of points of a scatter plot. */
export interface PointSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly (readonly number[])[];
}

/** Common plot options. */
export interface PlotOptions {
  readonly kind: string;
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

/** A qualitative palette (Okabe-Ito, then Tableau). */
export const PALETTE: readonly string[] = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#8C564B",
  "#7F7F7F",
  "#BCBD22",
];

/** Escapes text for HTML and SVG. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** About 5 round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

interface Frame {
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
function legendWidth(labels: readonly string[]): number {
  return labels.length === 0 ? 0 : Math.max(...labels.map((l) => l.length), 4) * 5.6 + 30;
}

function frame(o: PlotOptions, xs: number[], ys: number[], legendW: number): Frame {
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
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join("");
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plot" data-plot="${esc(o.kind)}"${data} viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(o.title)}">`,
    `<title>${esc(o.title)}</title>`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#fff"/>`,
    `<text x="${w / 2}" y="16" text-anchor="middle" class="plot-title">${esc(o.title)}</text>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    const x = px(t);
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${h - m.b}" x2="${x.toFixed(1)}" y2="${m.t}" class="grid"/>`,
      `<text x="${x.toFixed(1)}" y="${h - m.b + 14}" text-anchor="middle" class="tick">${esc(tickLabel(t))}</text>`,
    );
  }
  for (const t of niceTicks(y0, y1)) {
    const y = py(t);
    parts.push(
      `<line x1="${m.l}" y1="${y.toFixed(1)}" x2="${w - m.r}" y2="${y.toFixed(1)}" class="grid"/>`,
      `<text x="${m.l - 4}" y="${(y + 3).toFixed(1)}" text-anchor="end" class="tick">${esc(tickLabel(t))}</text>`,
    );
  }
  parts.push(
    `<rect x="${m.l}" y="${m.t}" width="${w - m.l - m.r}" height="${h - m.t - m.b}" class="axes"/>`,
    `<text x="${(m.l + w - m.r) / 2}" y="${h - 6}" text-anchor="middle" class="axis-label">${esc(o.xLabel)}</text>`,
    `<text transform="translate(13 ${(m.t + h - m.b) / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${esc(o.yLabel)}</text>`,
  );
  return { w, x0, x1, y0, y1, px, py, parts };
}

/** Path data of a polyline, broken at non-finite points. */
function pathData(f: Frame, x: readonly number[], y: readonly number[]): { d: string; n: number } {
  let d = "";
  let pen = false;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${f.px(x[i]!).toFixed(1)} ${f.py(y[i]!).toFixed(1)}`;
    pen = true;
    n++;
  }
  return { d, n };
}

function legend(
  parts: string[],
  series: readonly { label: string; color: string; dashed?: boolean }[],
  w: number,
): void {
  const x = w - legendWidth(series.map((s) => s.label)) + 4;
  series.forEach((s, i) => {
    const y = 38 + i * 13;
    parts.push(
      `<line x1="${x}" y1="${y}" x2="${x + 16}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 2"' : ""}/>`,
      `<text x="${x + 20}" y="${y + 3}" class="legend">${esc(s.label)}</text>`,
    );
  });
}

/**
 * A line plot with optional bands. y values are plotted as given (pass log10 values with
 * `logY` to label the axis in powers of ten).
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
      if (Number.isFinite(s.x[i]!) && Number.isFinite(s.lo[i]!))
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
      `<path class="series" data-series="${esc(s.label)}" data-points="${n}" d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
    );
  }
  legend(f.parts, series, f.w);
  f.parts.push("</svg>");
  return f.parts.join("");
}

/** A scatter plot of point series, with an optional reference curve (e.g. the true front). */
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
    const pts = s.points.filter((p) => Number.isFinite(p[0]!) && Number.isFinite(p[1]!));
    if (pts.length === 0) continue;
    f.parts.push(`<g class="series" data-series="${esc(s.label)}" data-points="${pts.length}">`);
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
