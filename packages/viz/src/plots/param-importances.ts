/**
 * Parameter importances of a study and their plot: `studyImportances` (Optuna's
 * `get_param_importances`: completed trials, the evaluators of `@tunelab/math/importance`)
 * and `paramImportances`, horizontal bars, largest on top (Optuna's `plot_param_importances`,
 * optuna/visualization/_param_importances.py, v5.0.0-rc1), drawn from importances computed
 * anywhere or computed here from a study.
 */
import {
  type ImportanceDistribution,
  type ImportanceOptions,
  type ImportanceParam,
  importances,
} from "@tunelab/math/importance";
import {
  choiceIndex,
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  getKey,
  hasKey,
  TrialState,
} from "@tunelab/study";
import { panelSize, resolveTarget, type TargetOptions } from "./checks.js";
import { type PlotSpec, type SizeOptions, type StudyLike, safeTitle, VEGA_LITE_SCHEMA } from "./spec.js";

/** Options of {@link studyImportances}: which parameters and target, and the evaluator's options. */
export interface StudyImportancesOptions extends ImportanceOptions, Omit<TargetOptions, "targetName"> {
  /**
   * The parameters to assess; only completed trials holding all of them are used.
   * @defaultValue every parameter present, with the same distribution, in all completed trials
   */
  readonly params?: readonly string[];
}

/**
 * Parameter importances of a study (Optuna's `get_param_importances`): the completed trials
 * with a finite target, the parameters present in all of them, and one evaluator of
 * `@tunelab/math/importance` (`"ped-anova"` by default, as Optuna 5.0; `"fanova"`, `"mdi"`).
 * PED-ANOVA reads the objective as a loss (a maximized objective is negated); a `target` is
 * read as a loss, as Optuna reads it.
 * @param study - a study (or a `StudyLike`), or its trials (then taken as minimized).
 * @returns parameter name to importance, largest first, summing to 1 (unless `normalize` is false).
 * @throws RangeError with fewer than 2 usable trials, a parameter no completed trial holds or
 *   holds with different distributions, a multi-objective study without `objective` or
 *   `target`, or bad evaluator options.
 * @example
 * ```ts
 * const imp = studyImportances(study, { evaluator: "fanova", seed: 1 }); // Map { "lr" => 0.8, ... }
 * await writeSvg(paramImportances(imp, { evaluatorName: "fANOVA" }), "importances.svg");
 * ```
 */
export function studyImportances(
  study: StudyLike | readonly FrozenTrial[],
  options: StudyImportancesOptions = {},
): Map<string, number> {
  const where = "studyImportances";
  const s: StudyLike = Array.isArray(study as unknown)
    ? { studyName: "", directions: ["minimize"], trials: study as readonly FrozenTrial[] }
    : (study as StudyLike);
  const { value } = resolveTarget(where, s, options);
  const negate =
    options.target === undefined && (options.evaluator ?? "ped-anova") === "ped-anova"
      ? s.directions[options.objective ?? 0] === "maximize"
      : false;
  let trials = s.trials.filter((t) => t.state === TrialState.COMPLETE && Number.isFinite(value(t)));
  let names: string[];
  if (options.params !== undefined) {
    if (!Array.isArray(options.params as unknown) || options.params.some((p) => typeof p !== "string"))
      throw new TypeError(`${where}: params must be an array of parameter names`);
    names = [...options.params];
    trials = trials.filter((t) => names.every((p) => hasKey(t.distributions, p)));
  } else {
    names = trials.length === 0 ? [] : Object.keys(trials[0]!.distributions);
    names = names.filter((p) => trials.every((t) => hasKey(t.distributions, p)));
    names.sort();
  }
  if (trials.length < 2)
    throw new RangeError(
      `${where}: need at least 2 completed trials with a finite target${options.params !== undefined ? " and all of the params" : ""}, got ${trials.length}`,
    );
  const dists: Distribution[] = names.map((p) => getKey(trials[0]!.distributions, p)!);
  if (options.params === undefined) {
    // Optuna's intersection search space: a parameter whose distribution changed is left out.
    const keep = names.map((p, j) =>
      trials.every((t) => distributionsEqual(getKey(t.distributions, p)!, dists[j]!)),
    );
    names = names.filter((_, j) => keep[j]);
    dists.splice(0, dists.length, ...dists.filter((_, j) => keep[j]));
  } else {
    names.forEach((p, j) => {
      if (!trials.every((t) => distributionsEqual(getKey(t.distributions, p)!, dists[j]!)))
        throw new RangeError(
          `${where}: parameter ${JSON.stringify(p)} has different distributions across trials`,
        );
    });
  }
  const params: ImportanceParam[] = names.map((name, j) => ({
    name,
    distribution: toImportanceDistribution(dists[j]!),
  }));
  const d = names.length;
  if (d === 0) return new Map();
  const X = new Float64Array(trials.length * d);
  const y = new Float64Array(trials.length);
  trials.forEach((t, i) => {
    y[i] = negate ? -value(t) : value(t);
    for (let j = 0; j < d; j++) {
      const dist = dists[j]!;
      const v = getKey(t.params, names[j]!);
      X[i * d + j] = dist.kind === "categorical" ? choiceIndex(dist.choices, v) : (v as number);
    }
  });
  return importances({ params, X, y }, options);
}

function toImportanceDistribution(d: Distribution): ImportanceDistribution {
  if (d.kind === "categorical") return { kind: "categorical", choices: d.choices.length };
  if (d.kind === "int") return { kind: "int", low: d.low, high: d.high, log: d.log, step: d.step };
  return { kind: "float", low: d.low, high: d.high, log: d.log, step: d.step };
}

/** The names of the evaluators as the plot's axis shows them. */
const EVALUATOR_NAMES: Readonly<Record<string, string>> = {
  fanova: "fANOVA importance",
  "ped-anova": "PED-ANOVA importance",
  mdi: "mean decrease in impurity",
};

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
 * @param input - parameter name to a finite, non-negative importance (a `Map` or an array of
 *   pairs; names may be any string), or a study whose importances {@link studyImportances}
 *   computes with `options` (the evaluator then names the axis).
 * @throws RangeError on a negative or non-finite importance, or what `studyImportances` throws.
 */
export function paramImportances(
  input: ReadonlyMap<string, number> | readonly (readonly [string, number])[] | StudyLike,
  options: ParamImportancesOptions & StudyImportancesOptions = {},
): PlotSpec {
  const where = "paramImportances";
  const isStudy = !(input instanceof Map) && !Array.isArray(input as unknown);
  const computed = isStudy ? studyImportances(input as StudyLike, options) : null;
  const evaluatorName =
    options.evaluatorName ?? (isStudy ? EVALUATOR_NAMES[options.evaluator ?? "ped-anova"] : undefined);
  const entries =
    computed !== null
      ? [...computed.entries()]
      : input instanceof Map
        ? [...input.entries()]
        : [...(input as readonly (readonly [string, number])[])];
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
        title: safeTitle(evaluatorName ?? "importance"),
      },
      tooltip: [
        { field: "param", type: "nominal" },
        { field: "importance", type: "quantitative", format: ".3f" },
      ],
    },
  };
}
