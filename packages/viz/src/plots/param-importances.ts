/**
 * Parameter importances as horizontal bars, largest on top (Optuna's
 * `plot_param_importances`, optuna/visualization/_param_importances.py, v5.0.0-rc1).
 * tunelab has no importance evaluator yet (fANOVA, PED-ANOVA and mean decrease in impurity
 * are planned in `@tunelab/math/importance`, issue 16): this plot takes the importances as
 * its input, from whatever computed them.
 */
import { panelSize } from "./checks.js";
import { type PlotSpec, type SizeOptions, safeTitle, VEGA_LITE_SCHEMA } from "./spec.js";

/** Options of {@link paramImportances}. */
export interface ParamImportancesOptions extends SizeOptions {
  /**
   * The title.
   * @defaultValue "Hyperparameter importances"
   */
  readonly title?: string;
  /**
   * The name of the evaluator, shown on the axis (e.g. "fANOVA").
   * @defaultValue "importance"
   */
  readonly evaluatorName?: string;
}

/**
 * A bar per parameter, sorted by importance (largest first).
 * @param importances - parameter name to a finite, non-negative importance (a `Map` or an
 *   array of pairs; names may be any string).
 * @throws RangeError on a negative or non-finite importance.
 */
export function paramImportances(
  importances: ReadonlyMap<string, number> | readonly (readonly [string, number])[],
  options: ParamImportancesOptions = {},
): PlotSpec {
  const where = "paramImportances";
  const entries =
    importances instanceof Map
      ? [...importances.entries()]
      : [...(importances as readonly (readonly [string, number])[])];
  for (const [name, v] of entries) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      throw new RangeError(
        `${where}: importances must be finite numbers >= 0, got ${String(v)} for ${JSON.stringify(name)}`,
      );
  }
  const { width, height } = panelSize(where, { height: Math.max(60, 24 * entries.length), ...options });
  const rows = entries
    .map(([param, importance]) => ({ param: String(param), importance }))
    .sort((a, b) => b.importance - a.importance);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: safeTitle(options.title ?? "Hyperparameter importances"),
    width,
    height,
    data: { values: rows },
    mark: { type: "bar", color: "#0072B2" },
    encoding: {
      y: { field: "param", type: "nominal", title: "parameter", sort: null },
      x: {
        field: "importance",
        type: "quantitative",
        title: safeTitle(options.evaluatorName ?? "importance"),
      },
      tooltip: [
        { field: "param", type: "nominal" },
        { field: "importance", type: "quantitative", format: ".3f" },
      ],
    },
  };
}
