/**
 * The Pareto front of a multi-objective study: the completed trials in objective space, the
 * non-dominated feasible ones (the study's best trials) apart from the dominated ones and
 * from those that violate a constraint (Optuna's `plot_pareto_front`,
 * optuna/visualization/_pareto_front.py, v5.0.0-rc1, which draws 3 objectives in a 3-D scene;
 * Vega-Lite has no 3-D marks, so 3 objectives are drawn as the three pairwise projections).
 */
import { isFeasible, paretoFront, TrialState } from "@tunelab/study";
import { checkStudy, panelSize } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, safeTitle, VEGA_LITE_SCHEMA } from "./spec.js";
import { checkMaxPoints, thinMask } from "./thin.js";

/** Options of {@link paretoFrontPlot}. */
export interface ParetoFrontOptions extends SizeOptions {
  /**
   * Axis titles, one per objective.
   * @defaultValue the study's metric names if given in `metricNames`, else "objective 0", "objective 1", ...
   */
  readonly targetNames?: readonly string[];
  /**
   * Draw the dominated (feasible) trials too.
   * @defaultValue true
   */
  readonly includeDominated?: boolean;
  /**
   * The most trials drawn: above it, every Pareto-front trial, and a systematic sample of the
   * dominated and infeasible ones. An integer >= 10, or Infinity.
   * @defaultValue Infinity
   */
  readonly maxPoints?: number;
}

/** The category of a trial in the plot, in legend order. */
export const PARETO_CATEGORIES: readonly string[] = ["Pareto front", "dominated", "infeasible"];

/**
 * A Pareto-front plot of a 2- or 3-objective study (one panel, or three projections).
 * @throws RangeError when the study has not 2 or 3 objectives, or targetNames has the wrong length.
 */
export function paretoFrontPlot(
  study: StudyLike & { readonly metricNames?: readonly string[] | null },
  options: ParetoFrontOptions = {},
): PlotSpec {
  const where = "paretoFrontPlot";
  checkStudy(where, study);
  const m = study.directions.length;
  if (m !== 2 && m !== 3) throw new RangeError(`${where}: the study must have 2 or 3 objectives, got ${m}`);
  const names = (
    options.targetNames ??
    study.metricNames ??
    Array.from({ length: m }, (_, k) => `objective ${k}`)
  ).map((n) => safeTitle(String(n)));
  if (names.length !== m)
    throw new RangeError(
      `${where}: targetNames must hold ${m} names (one per objective), got ${names.length}`,
    );
  const { width, height } = panelSize(where, m === 3 ? { width: 260, height: 260, ...options } : options);
  const complete = study.trials.filter(
    (t) => t.state === TrialState.COMPLETE && t.values !== null && t.values.every(Number.isFinite),
  );
  const feasible = complete.filter(isFeasible);
  const front = new Set(paretoFront(feasible, study.directions).map((t) => t.number));
  const sorted = complete
    .map((t) => ({
      trial: t.number,
      values: t.values!,
      category: !isFeasible(t) ? "infeasible" : front.has(t.number) ? "Pareto front" : "dominated",
    }))
    .filter((r) => options.includeDominated !== false || r.category === "Pareto front");
  const keep = thinMask(
    sorted.length,
    checkMaxPoints(where, options.maxPoints),
    (i) => sorted[i]!.category === "Pareto front",
  );
  const rows = sorted
    .filter((_, i) => keep[i] === 1)
    .map((r) => ({
      trial: r.trial,
      category: r.category,
      f0: r.values[0]!,
      f1: r.values[1]!,
      f2: r.values[2] ?? null,
    }));
  const pairs: [number, number][] =
    m === 2
      ? [[0, 1]]
      : [
          [0, 1],
          [0, 2],
          [1, 2],
        ];
  const panels = pairs.map(([i, j]) => ({
    width,
    height,
    mark: { type: "point", filled: true, size: 36 },
    encoding: {
      x: { field: `f${i}`, type: "quantitative", title: names[i]!, scale: { zero: false } },
      y: { field: `f${j}`, type: "quantitative", title: names[j]!, scale: { zero: false } },
      color: {
        field: "category",
        type: "nominal",
        title: null,
        scale: { domain: [...PARETO_CATEGORIES], range: ["#D55E00", "#56B4E9", "#bbbbbb"] },
      },
      shape: {
        field: "category",
        type: "nominal",
        scale: { domain: [...PARETO_CATEGORIES], range: ["diamond", "circle", "cross"] },
      },
      order: { field: "trial", type: "quantitative" },
      tooltip: [
        { field: "trial", type: "quantitative" },
        ...names.map((_, k) => ({ field: `f${k}`, type: "quantitative", title: `objective ${k}` })),
      ],
    },
  }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: `Pareto front: ${study.studyName}`,
    data: { values: rows },
    ...(panels.length === 1 ? panels[0]! : { hconcat: panels }),
  } as PlotSpec;
}
