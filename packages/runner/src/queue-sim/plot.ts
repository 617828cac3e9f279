/**
 * Plots of simulated campaigns: the median best value over seeds against wall-clock hours
 * and against GPU-hours, one line per scenario, as standalone SVG and an HTML page. No
 * dependencies: the figures are small and the page opens from disk.
 */

import { median } from "@tunelab/math/stats";
import type { ProgressPoint, SimulationResult } from "./simulate.js";

/** A median curve: y[i] is the median over runs of the best value at x[i] (Infinity before any). */
export interface MedianCurve {
  readonly name: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

function bestAt(progress: readonly ProgressPoint[], axis: "time" | "gpuHours", x: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const p of progress) {
    const v = axis === "time" ? p.time / 3600 : p.gpuHours;
    if (v > x) break;
    best = p.best;
  }
  return best;
}

/**
 * The median best-so-far curve of `runs` on `points` evenly spaced values of the axis, from
 * 0 to `xMax` (hours of wall-clock for "time", GPU-hours for "gpuHours").
 * @throws RangeError unless `points` is an integer ≥ 2 and `xMax` > 0.
 */
export function medianCurve(
  name: string,
  runs: readonly SimulationResult[],
  axis: "time" | "gpuHours",
  xMax: number,
  points = 200,
): MedianCurve {
  if (!Number.isSafeInteger(points) || points < 2)
    throw new RangeError(`medianCurve: points must be an integer >= 2, got ${points}`);
  if (!(xMax > 0) || !Number.isFinite(xMax))
    throw new RangeError(`medianCurve: xMax must be a finite number > 0, got ${xMax}`);
  const x = new Float64Array(points);
  const y = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    x[i] = (xMax * i) / (points - 1);
    y[i] = median(runs.map((r) => bestAt(r.progress, axis, x[i]!)));
  }
  return { name, x, y };
}

const COLORS = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * An SVG line chart of median curves (finite points only), with axes, ticks and a legend.
 * The y range is from the lowest value to the highest finite value, unless given.
 */
export function curvesSvg(
  curves: readonly MedianCurve[],
  labels: { readonly title: string; readonly x: string; readonly y: string },
  yRange?: readonly [number, number],
): string {
  const W = 640;
  const H = 360;
  const L = 60;
  const R = 170;
  const T = 30;
  const B = 45;
  let xMax = 0;
  let yLo = Number.POSITIVE_INFINITY;
  let yHi = Number.NEGATIVE_INFINITY;
  for (const c of curves) {
    xMax = Math.max(xMax, c.x[c.x.length - 1] ?? 0);
    for (const v of c.y) {
      if (Number.isFinite(v)) {
        yLo = Math.min(yLo, v);
        yHi = Math.max(yHi, v);
      }
    }
  }
  if (yRange !== undefined) [yLo, yHi] = yRange;
  if (!Number.isFinite(yLo) || !Number.isFinite(yHi)) {
    yLo = 0;
    yHi = 1;
  }
  if (yHi === yLo) yHi = yLo + 1;
  if (xMax === 0) xMax = 1;
  const px = (x: number): number => L + ((W - L - R) * x) / xMax;
  const py = (y: number): number => T + ((H - T - B) * (yHi - Math.min(yHi, Math.max(yLo, y)))) / (yHi - yLo);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${L}" y="18" font-size="13">${esc(labels.title)}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>`,
    `<text x="${(L + W - R) / 2}" y="${H - 8}" text-anchor="middle">${esc(labels.x)}</text>`,
    `<text x="14" y="${(T + H - B) / 2}" transform="rotate(-90 14 ${(T + H - B) / 2})" text-anchor="middle">${esc(labels.y)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const xv = (xMax * i) / 5;
    const yv = yLo + ((yHi - yLo) * i) / 5;
    out.push(`<text x="${px(xv)}" y="${H - B + 14}" text-anchor="middle">${xv.toPrecision(3)}</text>`);
    out.push(`<text x="${L - 4}" y="${py(yv) + 4}" text-anchor="end">${yv.toPrecision(4)}</text>`);
    out.push(`<line x1="${L}" y1="${py(yv)}" x2="${W - R}" y2="${py(yv)}" stroke="#eee"/>`);
  }
  curves.forEach((c, k) => {
    const color = COLORS[k % COLORS.length]!;
    const pts: string[] = [];
    for (let i = 0; i < c.x.length; i++) {
      if (Number.isFinite(c.y[i]!)) pts.push(`${px(c.x[i]!).toFixed(1)},${py(c.y[i]!).toFixed(1)}`);
    }
    if (pts.length > 0)
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${pts.join(" ")}"/>`);
    out.push(`<rect x="${W - R + 10}" y="${T + 16 * k}" width="12" height="3" fill="${color}"/>`);
    out.push(`<text x="${W - R + 26}" y="${T + 16 * k + 5}">${esc(c.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

/** One grid's section of the HTML report: its table and its two plots. */
export interface QueueReportSection {
  readonly title: string;
  readonly table: string;
  readonly scenarios: readonly { readonly name: string; readonly runs: readonly SimulationResult[] }[];
  /** Draws the target as part of the y label, if any. */
  readonly target?: number | null;
}

/**
 * A standalone HTML page: per section, the terminal table and the median best value against
 * wall-clock hours and against GPU-hours (overhead included).
 */
export function renderQueueHtml(sections: readonly QueueReportSection[]): string {
  const body: string[] = [];
  for (const s of sections) {
    const all = s.scenarios.flatMap((sc) => sc.runs);
    const hMax = Math.max(...all.map((r) => r.makespan / 3600), 1e-9);
    const gMax = Math.max(...all.map((r) => r.gpuHours), 1e-9);
    const byTime = s.scenarios.map((sc) => medianCurve(sc.name, sc.runs, "time", hMax));
    const byGpu = s.scenarios.map((sc) => medianCurve(sc.name, sc.runs, "gpuHours", gMax));
    // y from the lowest median to the 10th percentile of first finite values, so early plateaus do not squash the plot.
    const finite = [...byTime, ...byGpu].flatMap((c) => [...c.y].filter(Number.isFinite));
    const lo = Math.min(...finite);
    const sorted = finite.sort((a, b) => a - b);
    const hi = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? lo + 1;
    const range: [number, number] = [lo, hi > lo ? hi : lo + 1];
    const yl = `median best value${s.target != null ? ` (target ${s.target})` : ""}`;
    body.push(
      `<h2>${esc(s.title)}</h2>`,
      `<pre>${esc(s.table)}</pre>`,
      curvesSvg(byTime, { title: "against wall-clock time", x: "hours", y: yl }, range),
      curvesSvg(byGpu, { title: "against GPU-hours (overhead included)", x: "GPU-hours", y: yl }, range),
    );
  }
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>tunelab resource-queue simulator</title></head>\n<body style="font-family:sans-serif">\n<h1>Resource-queue simulator (issue 15)</h1>\n${body.join("\n")}\n</body></html>\n`;
}
