/**
 * `importances`: one entry point over the three evaluators, returning parameter → importance
 * ordered from the most to the least important and normalized to sum 1, as Optuna's
 * `get_param_importances` (`normalize=True`) does.
 */
import { type FanovaOptions, fanovaImportances } from "./fanova.js";
import { type MdiOptions, mdiImportances } from "./mdi.js";
import { type PedAnovaOptions, pedAnovaImportances } from "./ped-anova.js";
import { checkImportanceData, type ImportanceData } from "./types.js";

/** The evaluators: fANOVA, PED-ANOVA, mean decrease in impurity. */
export type ImportanceEvaluator = "fanova" | "ped-anova" | "mdi";

/** Options of {@link importances}: the evaluator, and that evaluator's options. */
export interface ImportanceOptions extends FanovaOptions, MdiOptions, PedAnovaOptions {
  /**
   * Which evaluator (Optuna 5.0's default is PED-ANOVA; Optuna 3.x's was fANOVA).
   * @defaultValue "ped-anova"
   */
  readonly evaluator?: ImportanceEvaluator;
  /**
   * Divide by the sum so that the importances sum to 1 (all equal when every one is 0).
   * @defaultValue true
   */
  readonly normalize?: boolean;
}

/**
 * Importances of `data.params` for the target `data.y` (for PED-ANOVA a loss: lower is better).
 * @returns a `Map` from parameter name to importance, largest first (ties in `data.params`
 *   order).
 * @throws RangeError on malformed data, fewer than 2 trials, or an unknown evaluator.
 * @example
 * ```ts
 * importances({ params, X, y }, { evaluator: "fanova", seed: 1 }); // e.g. Map { "x0" => 0.9, "x1" => 0.1 }
 * ```
 */
export function importances(data: ImportanceData, options: ImportanceOptions = {}): Map<string, number> {
  const evaluator = options.evaluator ?? "ped-anova";
  let raw: Float64Array;
  if (evaluator === "fanova") raw = fanovaImportances(data, options).importance;
  else if (evaluator === "mdi") raw = mdiImportances(data, options);
  else if (evaluator === "ped-anova") raw = pedAnovaImportances(data, options);
  else
    throw new RangeError(
      `importances: evaluator must be "fanova", "ped-anova" or "mdi", got ${JSON.stringify(evaluator)}`,
    );
  checkImportanceData("importances", data);
  const d = raw.length;
  let s = 0;
  for (let j = 0; j < d; j++) s += raw[j]!;
  const values = Float64Array.from(raw, (v) => (options.normalize === false ? v : s > 0 ? v / s : 1 / d));
  const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => values[b]! - values[a]! || a - b);
  const out = new Map<string, number>();
  for (const j of order) out.set(data.params[j]!.name, values[j]!);
  return out;
}
