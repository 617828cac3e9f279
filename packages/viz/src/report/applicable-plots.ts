/**
 * Which plots a study report draws: every plot of `@tunelab/viz/plots` that applies to the
 * study (what optuna-dashboard shows for a study), each as a titled spec.
 */
import { referencePoint } from "@tunelab/math/pareto";
import { type FrozenTrial, isFeasible, TrialState } from "@tunelab/study";
import {
  contourPlot,
  edfPlot,
  hypervolumeHistory,
  intermediateValues,
  optimizationHistory,
  type PlotSpec,
  parallelCoordinate,
  paramImportances,
  paretoFrontPlot,
  rankPlot,
  type StudyLike,
  slicePlot,
  studyImportances,
  timelinePlot,
} from "../plots/index.js";
import { sampleTrials } from "./sample.js";

/**
 * One plot of a report: a stable id (the `data-plot` of its figure), a heading, its spec, and
 * a note when it draws a sample of the trials (empty otherwise).
 */
export interface ReportPlot {
  readonly id: string;
  readonly heading: string;
  readonly spec: PlotSpec;
  readonly note: string;
}

/** Options of {@link applicablePlots}. */
export interface ApplicablePlotsOptions {
  /**
   * The most trials a plot that draws a mark per trial (slice, rank, contour, parallel
   * coordinates, intermediate values) draws; above it, the best and a systematic sample
   * (`sampleTrials`); the optimization history, the hypervolume history and the Pareto
   * front then draw about as many points (every improvement, every change of the hypervolume,
   * every Pareto-front trial kept; their lines exact), the EDF at most as many points (its
   * curve within 1/limit of the exact one) and the timeline at most as many bars (touching
   * bars of a worker and state merged). Intermediate values are always drawn with the reports
   * that change each curve at the plot's width (`thinToWidth`), whatever the limit. An integer >= 10, or Infinity for every trial.
   * @defaultValue Infinity
   */
  readonly maxTrialsDrawn?: number;
}

/**
 * The plots that apply to `study`, in report order. Single objective: optimization history,
 * EDF, and, when trials reported intermediate values, intermediate values; with parameters,
 * slice, parallel coordinates and rank, and with two or more, contour. Two or three
 * objectives: the Pareto front and the hypervolume history (reference point as Optuna's MOTPE
 * takes it, 10% beyond the worst feasible value of each objective), and the slice and rank
 * plots of each objective. Always the timeline when a trial has started. Plots with nothing to
 * draw (no completed trial) are left out. With `maxTrialsDrawn`, the per-trial plots of a
 * large study draw a sample (their `note` says which).
 */
export function applicablePlots(
  study: StudyLike & { readonly metricNames?: readonly string[] | null },
  options: ApplicablePlotsOptions = {},
): ReportPlot[] {
  const limit = options.maxTrialsDrawn ?? Number.POSITIVE_INFINITY;
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 10))
    throw new RangeError(
      `applicablePlots: maxTrialsDrawn must be an integer >= 10 or Infinity, got ${String(limit)}`,
    );
  const all: ReportPlot[] = [];
  const plots = { push: (p: Omit<ReportPlot, "note"> & { note?: string }) => all.push({ note: "", ...p }) };
  const m = study.directions.length;
  const complete = study.trials.filter((t) => t.state === TrialState.COMPLETE);
  const sampled = (trials: readonly FrozenTrial[]): { study: StudyLike; note: string } => {
    if (trials.length <= limit) return { study: { ...study, trials }, note: "" };
    const s = sampleTrials(study, trials, limit);
    return { study: { ...study, trials: s.trials }, note: s.note };
  };
  const params = new Set(complete.flatMap((t) => Object.keys(t.distributions)));
  const names =
    study.metricNames ??
    Array.from({ length: m }, (_, k) => (m === 1 ? "objective value" : `objective ${k}`));
  if (complete.length > 0) {
    if (m === 1) {
      // Points thinned like the per-trial plots; the best-so-far line stays exact.
      const drawn = complete.length > limit;
      plots.push({
        id: "history",
        heading: "Optimization history",
        spec: optimizationHistory(study, drawn ? { maxPoints: limit } : {}),
        note: drawn
          ? `points: about ${limit.toLocaleString("en-US")} of ${complete.length.toLocaleString("en-US")} completed trials drawn (every improvement kept); the best-so-far line uses all`
          : "",
      });
      // The step curve thinned to within 1/limit of the exact one (edfSteps).
      const edf = edfPlot(study, drawn ? { maxPoints: limit } : {});
      const points = (edf.data as { values?: readonly unknown[] } | undefined)?.values?.length ?? 0;
      plots.push({
        id: "edf",
        heading: "Empirical distribution function",
        spec: edf,
        note: drawn
          ? `curve: ${points.toLocaleString("en-US")} points for ${complete.length.toLocaleString("en-US")} completed trials, within 1/${limit.toLocaleString("en-US")} of the exact curve everywhere (min and max kept)`
          : "",
      });
    } else {
      const many = complete.length > limit;
      const fmt = (n: number) => n.toLocaleString("en-US");
      if (m <= 3)
        plots.push({
          id: "pareto-front",
          heading: "Pareto front",
          spec: paretoFrontPlot(study, many ? { maxPoints: limit } : {}),
          note: many
            ? `about ${fmt(limit)} of ${fmt(complete.length)} completed trials drawn: every Pareto-front trial and a sample of the others`
            : "",
        });
      const feasible = complete.filter(isFeasible);
      if (feasible.length > 0) {
        const sign = study.directions.map((d) => (d === "maximize" ? -1 : 1));
        const flat = Float64Array.from(feasible.flatMap((t) => t.values!.map((v, k) => sign[k]! * v)));
        const ref = referencePoint(flat, m);
        if (ref !== null) {
          const r = Array.from(ref, (v, k) => sign[k]! * v);
          plots.push({
            id: "hypervolume",
            heading: "Hypervolume history",
            spec: hypervolumeHistory(study, r, many ? { maxPoints: limit } : {}),
            note: many
              ? `points: about ${fmt(limit)} of ${fmt(complete.length)} trials drawn (every change kept); the line uses all`
              : "",
          });
        }
      }
    }
  }
  const curves = study.trials.filter((t) => t.intermediateValues.size > 0);
  if (curves.length > 0) {
    // Each curve drawn with the reports that change it at the plot's width (thinToWidth).
    const s = sampled(curves);
    const spec = intermediateValues(s.study, { thinToWidth: true });
    plots.push({
      id: "intermediate",
      heading: "Intermediate values",
      spec,
      note: [s.note, spec.description ?? ""].filter((x) => x !== "").join("; "),
    });
  }
  if (complete.length > 0 && params.size > 0) {
    const s = sampled(complete);
    const note = s.note;
    for (let k = 0; k < m; k++) {
      const o = { objective: k, targetName: names[k]! };
      const suffix = m === 1 ? "" : ` (${names[k]!})`;
      const id = m === 1 ? "" : `-${k}`;
      plots.push({ id: `slice${id}`, heading: `Slice${suffix}`, spec: slicePlot(s.study, o), note });
      if (m === 1)
        plots.push({
          id: "parallel",
          heading: "Parallel coordinates",
          spec: parallelCoordinate(s.study, o),
          note,
        });
      if (params.size >= 2 && m === 1)
        plots.push({ id: "contour", heading: "Contour", spec: contourPlot(s.study, o), note });
      plots.push({ id: `rank${id}`, heading: `Rank${suffix}`, spec: rankPlot(s.study, o), note });
    }
  }
  // Parameter importances (PED-ANOVA, Optuna 5.0's default evaluator; issue 16) of a
  // single-objective study with two or more parameters and at least 10 completed trials.
  if (m === 1 && params.size >= 2 && complete.filter((t) => Number.isFinite(t.values?.[0])).length >= 10) {
    const imp = studyImportances(study);
    if (imp.size >= 2)
      plots.push({
        id: "importances",
        heading: "Hyperparameter importances",
        spec: paramImportances(imp, { evaluatorName: "PED-ANOVA importance" }),
      });
  }
  const started = study.trials.filter((t) => t.datetimeStart !== null).length;
  if (started > 0) {
    // Above the limit, touching bars of a worker and state merged; the spec says what (maxBars).
    const spec = timelinePlot(study, started > limit ? { maxBars: limit } : {});
    plots.push({ id: "timeline", heading: "Timeline", spec, note: spec.description ?? "" });
  }
  return all;
}
