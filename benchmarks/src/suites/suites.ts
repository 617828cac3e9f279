/**
 * Suites as data: which functions, how many trials and seeds, which pruners. Samplers are
 * not listed: a suite runs every registered tunelab sampler that applies to each function
 * (and, with `--peer optuna`, every Optuna sampler that applies), unless options narrow it.
 */
import { BBOB_NAMES } from "@tunelab/test-functions/bbob";
import { STANDARD_NAMES } from "@tunelab/test-functions/registry";
import { SKLEARN_PROBLEM_NAMES } from "../problems/sklearn/spaces.js";

/** A benchmark suite. */
export interface SuiteDefinition {
  readonly name: string;
  readonly description: string;
  /** Problem names (see `resolveProblem`). */
  readonly functions: readonly string[];
  /** Trials per run (for curve problems: the budget is trials × the mean curve length, see `budgetSteps`). */
  readonly trials: number;
  /** Number of seeds; seed values are 1..seeds. */
  readonly seeds: number;
  /** Pruners paired with every sampler on curve problems. @defaultValue ["none"] */
  readonly pruners?: readonly string[];
  /**
   * For curve problems: a run stops once its trials used this many evaluations in total
   * (pruned trials count what they used), so pruning buys more trials for the same budget.
   * At most 10 × `trials` trials run. @defaultValue unset: exactly `trials` trials
   */
  readonly budgetSteps?: number;
  /** tunelab samplers to run (`--samplers` overrides). @defaultValue every registered tunelab sampler */
  readonly samplers?: readonly string[];
}

const BBOB_FUNCTIONS: string[] = BBOB_NAMES.map((_, i) => `bbob-f${i + 1}-d5-i1`);

const MULTI_FUNCTIONS: readonly string[] = [
  "zdt1",
  "zdt2",
  "zdt3",
  "zdt4",
  "zdt6",
  "dtlz1-m3",
  "dtlz2-m3",
  "dtlz7-m3",
];

/**
 * Issue 13's NSGA-II evidence: ZDT1-3 (30 variables) and DTLZ2 (3 objectives), 10 seeds ×
 * 2,000 evaluations (population 50: 40 generations), meant for tunelab's `nsga2` against
 * Optuna's NSGAIISampler under two versions in one run:
 * `--samplers nsga2 --peer optuna --python /tmp/optuna5/bin/python --optuna-samplers nsga2,nsga2@3.1`
 * (5,000 evaluations per run took Optuna 3.1 175 s of wall time on the loaded 2-core machine,
 * too slow for 40 runs per tool; packages/samplers/src/nsga2/README.md).
 */
const NSGA_SUITE: SuiteDefinition = {
  name: "nsga",
  description:
    "ZDT1-3 (30 variables) and DTLZ2 (3 objectives), 10 seeds × 2,000 trials: NSGA-II against Optuna's (hypervolume and IGD+ against evaluations)",
  functions: ["zdt1", "zdt2", "zdt3", "dtlz2-m3"],
  trials: 2000,
  seeds: 10,
  samplers: ["nsga2"],
};

/**
 * Issue 13's NSGA-III evidence: DTLZ1 and DTLZ2 with 3 and 5 objectives, 10 seeds × 2,000
 * evaluations, tunelab's NSGA-III (Optuna's defaults: population 50) beside NSGA-II; the
 * report adds hypervolume and IGD+ against evaluations (report/front-quality.ts).
 */
const NSGA3_SUITE: SuiteDefinition = {
  name: "nsga3",
  description:
    "DTLZ1 and DTLZ2 with 3 and 5 objectives, 10 seeds × 2,000 trials: NSGA-III beside NSGA-II (hypervolume and IGD+ against evaluations)",
  functions: ["dtlz1-m3", "dtlz2-m3", "dtlz1-m5", "dtlz2-m5"],
  trials: 2000,
  seeds: 10,
  samplers: ["nsga3", "nsga2"],
};

const LLM: SuiteDefinition = {
  name: "llm",
  description:
    "The LLM fine-tuning surrogate (Qwen2.5-1.5B and -7B) with and without pruners, at equal budget of evaluations",
  functions: ["llm-finetune-loss-1.5B", "llm-finetune-loss-7B"],
  trials: 100,
  seeds: 5,
  pruners: ["none", "median", "sha", "hyperband"],
  // 100 unpruned trials of 3 epochs at 10 evaluations per epoch.
  budgetSteps: 3000,
};

/**
 * Issue 14's single-objective pruner evidence: tunelab's default TPE with each pruner on the
 * learning curves of the smallest surrogate (the surrogate costs the same for every model
 * size), each run stopping at the same budget of evaluations. The report (summary.md) adds
 * best loss against cumulative evaluations and the 1%-at-a-third criterion, see
 * `report/pruner-budget.ts`.
 */
const PRUNERS_SUITE: SuiteDefinition = {
  name: "pruners",
  description:
    "TPE with each pruner on the LLM surrogate's learning curves (Qwen2.5-0.5B), 10 seeds, 3,000 evaluations each: best loss against evaluations used",
  functions: ["llm-finetune-loss-0.5B"],
  trials: 100,
  seeds: 10,
  samplers: ["tpe"],
  pruners: [
    "none",
    "median",
    "percentile25",
    "patient-median",
    "threshold",
    "sha",
    "asha",
    "hyperband",
    "hyperband-auto",
    "asha-epoch",
    "hyperband-epoch",
  ],
  // 100 unpruned trials of 3 epochs (the mean of epochs ∈ 1..5) at 10 evaluations per epoch.
  budgetSteps: 3000,
};

/**
 * Issue 14's fix of the schedule-truncation bias: the same runs as `pruners` on the progress
 * variant of the surrogate, where every trial reports 50 values at equal fractions of its own
 * schedule (a pruner compares trials at the same fraction, not the same step) and is charged
 * the epochs it trained, in the same unit (evaluations of the plain problem, 0.1 epoch each).
 */
const PRUNERS_PROGRESS_SUITE: SuiteDefinition = {
  name: "pruners-progress",
  description:
    "As `pruners`, on the surrogate reported by schedule progress (llm-finetune-loss-0.5B-progress: 50 reports per trial at k/50 of its schedule, charged the epochs trained)",
  functions: ["llm-finetune-loss-0.5B-progress"],
  trials: 100,
  seeds: 10,
  samplers: ["tpe"],
  pruners: ["none", "median", "sha", "asha", "hyperband", "hyperband-auto", "asha-epoch", "hyperband-epoch"],
  budgetSteps: 3000,
};

/**
 * Issue 14's second attempt: the pruners comparing a trial only with the trials of the same
 * number of epochs (`stratified-pruner.ts`) on the progress variant, which seeds 101-105 chose
 * over the plain problem (`benchmarks/results/pruners-same-epochs-choice-*`).
 */
const PRUNERS_SAME_EPOCHS_SUITE: SuiteDefinition = {
  name: "pruners-same-epochs",
  description:
    "As `pruners-progress`, with each pruner comparing a trial only with the trials of the same epochs",
  functions: ["llm-finetune-loss-0.5B-progress"],
  trials: 100,
  seeds: 10,
  samplers: ["tpe"],
  pruners: [
    "none",
    "median-same-epochs",
    "sha-same-epochs",
    "asha-same-epochs",
    "hyperband-same-epochs",
    "hyperband-auto-same-epochs",
  ],
  budgetSteps: 3000,
};

/**
 * Issue 14's third attempt: the options untried before (resources set from the surrogate's
 * step counts, epochs and the warmup, a grace period per rung, trials compared within their
 * epochs) on the plain problem and on the progress variant. The choice of the ASHA and the
 * Hyperband setting is made with `--seeds 101,...,110`; the chosen ones are then run once with
 * `--pruners none,<chosen>` on seeds 1-10 and 11-20 (packages/pruners/README.md).
 */
const PRUNERS_OPTIONS_SUITE: SuiteDefinition = {
  name: "pruners-options",
  description:
    "ASHA and Hyperband candidates (resources from the step counts, grace per rung, same epochs) on the plain and progress surrogate; choose with --seeds 101..110",
  functions: ["llm-finetune-loss-0.5B", "llm-finetune-loss-0.5B-progress"],
  trials: 100,
  seeds: 10,
  samplers: ["tpe"],
  pruners: [
    "none",
    "asha",
    "sha",
    "asha-epoch",
    "asha-r5",
    "asha-r10-e2",
    "sha-grace10",
    "asha-grace10",
    "asha-epoch-grace10",
    "asha-same-epochs",
    "sha-same-epochs",
    "hyperband-auto",
    "hyperband",
    "hyperband-epoch",
    "hyperband-r5",
    "hyperband-r10-e2",
    "hyperband-same-epochs",
    "hyperband-auto-same-epochs",
  ],
  budgetSteps: 3000,
};

/**
 * Issue 20's real problems: nine scikit-learn models on bundled data sets, cross-validated in
 * Python (benchmarks/peers/sklearn_problems.py, results cached on disk), at the budgets people
 * use. Optuna's TPE under both versions joins with
 * `--peer optuna --python /tmp/optuna5/bin/python --optuna-samplers tpe,tpe@3.1,tpe_multivariate@3.1`.
 * A run of 40 trials also gives the 20-trial result (the best of its first 20 trials: none of
 * these samplers looks at the trial budget).
 */
const REAL_SUITE: SuiteDefinition = {
  name: "real",
  description:
    "Nine scikit-learn models on bundled data (SVC, random forest, gradient boosting, MLP, logistic regression, k-NN, elastic net, a model choice, an optimizer choice), 10 seeds × 40 trials",
  functions: SKLEARN_PROBLEM_NAMES,
  trials: 40,
  seeds: 10,
  samplers: ["tpe", "tpe_univariate", "random", "cmaes", "gp"],
};

/** The built-in suites, by name. "quick" is the default of `npm run bench`. */
export const SUITES: Readonly<Record<string, SuiteDefinition>> = {
  quick: {
    name: "quick",
    description: "A handful of standard functions (and ZDT1) × every sampler × 5 seeds × 100 trials",
    functions: ["branin", "hartmann6", "rosenbrock-10", "styblinski-tang-10", "levy-10", "zdt1"],
    trials: 100,
    seeds: 5,
  },
  standard: {
    name: "standard",
    description:
      "The eight standard functions of the Optuna 3.1 baselines plus the mixed and conditional problems, 10 seeds × 200 trials",
    functions: [...STANDARD_NAMES, "mixed-categorical-shift", "conditional-model-choice"],
    trials: 200,
    seeds: 10,
  },
  bbob: {
    name: "bbob",
    description: "The 24 noiseless BBOB functions in 5-D (COCO instance 1), 5 seeds × 200 trials",
    functions: BBOB_FUNCTIONS,
    trials: 200,
    seeds: 5,
  },
  "multi-objective": {
    name: "multi-objective",
    description: "ZDT1-4, ZDT6 and DTLZ1, 2, 7 with 3 objectives, 10 seeds × 200 trials (hypervolume)",
    functions: MULTI_FUNCTIONS,
    trials: 200,
    seeds: 10,
  },
  nsga: NSGA_SUITE,
  nsga3: NSGA3_SUITE,
  llm: LLM,
  pruners: PRUNERS_SUITE,
  "pruners-progress": PRUNERS_PROGRESS_SUITE,
  "pruners-same-epochs": PRUNERS_SAME_EPOCHS_SUITE,
  "pruners-options": PRUNERS_OPTIONS_SUITE,
  real: REAL_SUITE,
};

/** The "full" suite: every function of the other suites (200 trials, 10 seeds), pruners on the llm problems. */
export function fullSuite(): SuiteDefinition {
  const parts = [SUITES.standard!, SUITES.bbob!, SUITES["multi-objective"]!, LLM];
  return {
    name: "full",
    description:
      "standard + bbob + multi-objective + llm, 10 seeds × 200 trials (llm: its pruners and budget)",
    functions: parts.flatMap((s) => s.functions),
    trials: 200,
    seeds: 10,
    pruners: LLM.pruners,
    budgetSteps: 6000,
  };
}

/** Names of every suite, "full" included. */
export const SUITE_NAMES: readonly string[] = [...Object.keys(SUITES), "full"];

/**
 * The suite named `name`.
 * @throws RangeError naming the known suites.
 */
export function suiteByName(name: string): SuiteDefinition {
  if (name === "full") return fullSuite();
  const s = SUITES[name];
  if (s === undefined)
    throw new RangeError(`suiteByName: unknown suite "${name}"; known: ${SUITE_NAMES.join(", ")}`);
  return s;
}
