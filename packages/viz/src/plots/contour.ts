/**
 * The contour plot: for each pair of parameters, the objective over the pair's plane as a
 * shaded grid, with the completed trials on top (what Optuna's `plot_contour` shows,
 * optuna/visualization/_contour.py, v5.0.0-rc1). Optuna fills its grid by its own iterative
 * interpolation; here each cell takes the inverse-distance-weighted mean (Shepard 1968, power
 * 2) of the trials' objectives, with distances measured on the unit-scaled pair (log10 for log
 * parameters, choice index for categorical ones). Cells are drawn as rectangles, so a log
 * axis has cells evenly spaced in log space and a categorical axis has one cell per choice.
 */
import { TrialState } from "@tunelab/study";
import { checkStudy, panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { paramPairs, unitScale } from "./pairs.js";
import { type ParamAxis, paramAxes, paramDatum, paramEncoding } from "./params.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";

/** Options of {@link contourPlot}. */
export interface ContourOptions extends TargetOptions, SizeOptions {
  /**
   * The parameters whose pairs are drawn (each unordered pair once).
   * @defaultValue every parameter of the study, in first-seen order
   */
  readonly params?: readonly string[];
  /**
   * Cells per numeric axis, an integer in [2, 200].
   * @defaultValue 24
   */
  readonly resolution?: number;
}

interface Cell {
  readonly x0: number | string;
  readonly x1: number | null;
  readonly u: number;
}

/** The cells of one axis: edges in data units and the centre on the unit scale. */
function axisCells(axis: ParamAxis, values: readonly (number | string)[], g: number): Cell[] {
  if (axis.kind === "categorical") {
    const k = axis.choices.length;
    return axis.choices.map((c, i) => ({ x0: c, x1: null, u: k <= 1 ? 0.5 : i / (k - 1) }));
  }
  const log = axis.kind === "log";
  const nums = values.map((v) => (log ? Math.log10(v as number) : (v as number)));
  let lo = Math.min(...nums);
  let hi = Math.max(...nums);
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const back = (t: number) => (log ? 10 ** t : t);
  return Array.from({ length: g }, (_, i) => ({
    x0: back(lo + ((hi - lo) * i) / g),
    x1: back(lo + ((hi - lo) * (i + 1)) / g),
    u: (i + 0.5) / g,
  }));
}

/** Inverse-distance-weighted mean (power 2) at (u, v) of points (pu, pv, z). */
function idw(u: number, v: number, pu: Float64Array, pv: Float64Array, z: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < z.length; i++) {
    const d2 = (u - pu[i]!) ** 2 + (v - pv[i]!) ** 2;
    if (d2 < 1e-18) return z[i]!;
    const w = 1 / d2;
    num += w * z[i]!;
    den += w;
  }
  return num / den;
}

/** A contour plot: one panel per pair of parameters (a on x, b on y). */
export function contourPlot(study: StudyLike, options: ContourOptions = {}): PlotSpec {
  const where = "contourPlot";
  checkStudy(where, study);
  const { width, height } = panelSize(where, { width: 260, height: 260, ...options });
  const g = options.resolution ?? 24;
  if (!Number.isInteger(g) || g < 2 || g > 200)
    throw new RangeError(`${where}: resolution must be an integer in [2, 200], got ${String(g)}`);
  const target = resolveTarget(where, study, options);
  const axes = paramAxes(where, study.trials, options.params);
  const complete = study.trials.filter(
    (t) => t.state === TrialState.COMPLETE && Number.isFinite(target.value(t)),
  );
  const panels = paramPairs(where, axes).map(([a, b]) => {
    const trials = complete.filter((t) => paramDatum(t, a) !== null && paramDatum(t, b) !== null);
    const xs = trials.map((t) => paramDatum(t, a)!);
    const ys = trials.map((t) => paramDatum(t, b)!);
    const z = Float64Array.from(trials, (t) => target.value(t));
    const ua = unitScale(a, xs);
    const ub = unitScale(b, ys);
    const pu = Float64Array.from(xs, ua);
    const pv = Float64Array.from(ys, ub);
    const cells: Record<string, number | string | null>[] = [];
    if (trials.length > 0) {
      for (const cx of axisCells(a, xs, g))
        for (const cy of axisCells(b, ys, g))
          cells.push({ x0: cx.x0, x1: cx.x1, y0: cy.x0, y1: cy.x1, z: idw(cx.u, cy.u, pu, pv, z) });
    }
    const enc = (axis: ParamAxis, field: string) => paramEncoding(axis, field);
    return {
      width,
      height,
      layer: [
        {
          data: { values: cells },
          mark: { type: "rect", opacity: 0.85 },
          encoding: {
            x: enc(a, "x0"),
            ...(a.kind === "categorical" ? {} : { x2: { field: "x1" } }),
            y: enc(b, "y0"),
            ...(b.kind === "categorical" ? {} : { y2: { field: "y1" } }),
            color: { field: "z", type: "quantitative", title: target.name, scale: { scheme: "viridis" } },
          },
        },
        {
          data: { values: trials.map((t, i) => ({ trial: t.number, x0: xs[i]!, y0: ys[i]!, value: z[i]! })) },
          mark: { type: "point", filled: true, size: 16, color: "#111", stroke: "#fff", strokeWidth: 0.5 },
          encoding: {
            x: enc(a, "x0"),
            y: enc(b, "y0"),
            tooltip: [
              { field: "trial", type: "quantitative" },
              { field: "value", type: "quantitative", title: "value" },
            ],
          },
        },
      ],
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Contour plot: ${study.studyName}`,
    columns: Math.min(3, panels.length),
    concat: panels,
    resolve: { scale: { color: "shared" } },
  } as PlotSpec;
}
