/**
 * The empirical distribution function of the objective over the completed trials of one study
 * or several: the fraction of trials whose value is at most y (Optuna's `plot_edf`,
 * optuna/visualization/_edf.py, v5.0.0-rc1). A study whose curve rises earlier found good
 * values more often.
 */
import { TrialState } from "@tunelab/study";
import { checkStudy, distinctNames, panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, VEGA_LITE_SCHEMA } from "./spec.js";
import { checkMaxPoints, edfSteps } from "./thin.js";

/** Options of {@link edfPlot}. */
export interface EdfOptions extends TargetOptions, SizeOptions {
  /**
   * Draw the objective axis on a log scale.
   * @defaultValue false
   */
  readonly logX?: boolean;
  /**
   * The most points drawn per study (an integer >= 10, or Infinity). A study with more
   * completed trials is drawn with fewer than maxPoints / 2 + 2 vertices, its step curve
   * within 1 / maxPoints of the exact one everywhere, min and max kept (`edfSteps`,
   * `plots/thin.ts`); a study with at most maxPoints is drawn exactly.
   * @defaultValue Infinity
   */
  readonly maxPoints?: number;
}

/**
 * One step curve per study: (value, fraction of completed trials with a value at most it);
 * with `maxPoints`, a large study's curve is thinned to within 1 / maxPoints of it.
 */
export function edfPlot(studies: StudyLike | readonly StudyLike[], options: EdfOptions = {}): PlotSpec {
  const where = "edfPlot";
  const list: readonly StudyLike[] = Array.isArray(studies) ? studies : [studies as StudyLike];
  if (list.length === 0) throw new RangeError(`${where}: studies must hold at least one study, got none`);
  for (const s of list) checkStudy(where, s);
  const { width, height } = panelSize(where, options);
  const max = checkMaxPoints(where, options.maxPoints);
  const name = resolveTarget(where, list[0]!, options).name;
  const rows: { study: string; value: number; fraction: number }[] = [];
  const labels = distinctNames(list);
  for (const [j, s] of list.entries()) {
    const target = resolveTarget(where, s, options);
    const values = s.trials
      .filter((t) => t.state === TrialState.COMPLETE)
      .map((t) => target.value(t))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    for (const { value, fraction } of edfSteps(values, max))
      rows.push({ study: labels[j]!, value, fraction });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: "Empirical distribution function",
    width,
    height,
    data: { values: rows },
    mark: { type: "line", interpolate: "step-after" },
    encoding: {
      x: {
        field: "value",
        type: "quantitative",
        title: name,
        scale: options.logX === true ? { type: "log" } : { zero: false },
      },
      y: {
        field: "fraction",
        type: "quantitative",
        title: "cumulative probability",
        scale: { domain: [0, 1] },
      },
      color: { field: "study", type: "nominal", title: "study", sort: null },
    },
  };
}
