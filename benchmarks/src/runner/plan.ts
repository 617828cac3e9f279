/**
 * Planning a benchmark: a suite plus options resolve to the list of cells to run, in a fixed
 * order (function, side, sampler, pruner, seed).
 */
import { resolveProblem } from "../problems/registry.js";
import {
  SAMPLERS,
  type SamplerEntry,
  samplerApplies,
  samplerEntry,
  samplerNames,
} from "../samplers/registry.js";
import { prunerEntry } from "../suites/pruners.js";
import type { SuiteDefinition } from "../suites/suites.js";
import type { RunCell } from "./types.js";

/** Options that override or narrow a suite. */
export interface PlanOptions {
  /** tunelab samplers to run. @defaultValue the suite's, else every registered tunelab sampler */
  readonly samplers?: readonly string[];
  /** Optuna samplers to run (only with the peer). @defaultValue every registered Optuna sampler */
  readonly optunaSamplers?: readonly string[];
  /** Run the Optuna side too. @defaultValue false */
  readonly peer?: boolean;
  /** Functions to run instead of the suite's. */
  readonly functions?: readonly string[];
  /** Trials per run instead of the suite's. */
  readonly trials?: number;
  /** Seeds: a count n (seeds 1..n) or explicit seed values. */
  readonly seeds?: number | readonly number[];
  /** Pruners instead of the suite's (curve problems only). */
  readonly pruners?: readonly string[];
  /** Trials evaluated at once inside each study. @defaultValue 1 */
  readonly concurrency?: number;
}

/** A suite resolved with its options: exactly what runs. */
export interface ResolvedPlan {
  readonly suite: string;
  readonly description: string;
  readonly functions: string[];
  readonly samplers: { readonly tunelab: string[]; readonly optuna: string[] };
  readonly pruners: string[];
  readonly seeds: number[];
  readonly trials: number;
  readonly budgetSteps: number | null;
  readonly concurrency: number;
  readonly cells: RunCell[];
}

/** The distinct values, in the order of their first appearance (a name or seed given twice runs once). */
function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function checkPositiveInt(name: string, v: number): number {
  if (!Number.isSafeInteger(v) || v < 1)
    throw new RangeError(`planBenchmark: ${name} must be an integer >= 1, got ${v}`);
  return v;
}

/**
 * Resolves a suite and options into cells. Samplers that do not handle a function's number of
 * objectives get no cell for it; pruners other than "none" apply to curve problems only. A
 * function, sampler, pruner or seed listed twice is planned once (`--seeds 0,0` is seed 0).
 * @throws RangeError for unknown functions, samplers or pruners, invalid counts, or a plan
 * without any run (no sampler, no function, or no sampler that applies), saying which.
 */
export function planBenchmark(
  suite: SuiteDefinition,
  options: PlanOptions = {},
  registry: readonly SamplerEntry[] = SAMPLERS,
): ResolvedPlan {
  const functions = distinct(options.functions ?? suite.functions);
  const trials = checkPositiveInt("trials", options.trials ?? suite.trials);
  const concurrency = checkPositiveInt("concurrency", options.concurrency ?? 1);
  const seedOpt = options.seeds ?? suite.seeds;
  const seeds =
    typeof seedOpt === "number"
      ? Array.from({ length: checkPositiveInt("seeds", seedOpt) }, (_, i) => i + 1)
      : distinct(
          seedOpt.map((s) => {
            if (!Number.isSafeInteger(s) || s < 0)
              throw new RangeError(`planBenchmark: seeds must be integers >= 0, got ${s}`);
            return s;
          }),
        );
  if (seeds.length === 0) throw new RangeError("planBenchmark: at least one seed is needed");
  const tunelab = distinct(options.samplers ?? suite.samplers ?? samplerNames("tunelab", registry));
  for (const s of tunelab) samplerEntry("tunelab", s, registry);
  const optuna = options.peer ? distinct(options.optunaSamplers ?? samplerNames("optuna", registry)) : [];
  for (const s of optuna) samplerEntry("optuna", s, registry);
  const pruners = distinct(options.pruners ?? suite.pruners ?? ["none"]);
  for (const p of pruners) prunerEntry(p);
  // With explicit trials and a budgeted suite, the budget scales with the trials.
  const budgetSteps =
    suite.budgetSteps === undefined ? null : Math.round((suite.budgetSteps * trials) / suite.trials);
  const cells: RunCell[] = [];
  for (const fn of functions) {
    const problem = resolveProblem(fn);
    const hasCurve = problem.curve !== undefined;
    for (const [side, names] of [
      ["tunelab", tunelab],
      ["optuna", optuna],
    ] as const) {
      for (const sampler of names) {
        if (!samplerApplies(samplerEntry(side, sampler, registry), problem)) continue;
        for (const pruner of hasCurve ? pruners : ["none"]) {
          for (const seed of seeds) {
            cells.push({
              function: fn,
              side,
              sampler,
              pruner,
              seed,
              trials,
              budgetSteps: hasCurve ? budgetSteps : null,
              concurrency,
            });
          }
        }
      }
    }
  }
  if (cells.length === 0) {
    const none = (xs: readonly string[]): string => (xs.length === 0 ? "none" : xs.join(", "));
    let why: string;
    if (functions.length === 0) why = "no function selected";
    else if (tunelab.length + optuna.length === 0)
      why = `no sampler selected (tunelab: none; optuna: none, the peer is ${options.peer ? "on" : "off"})`;
    else
      why = `no selected sampler applies to the selected functions (${none([
        ...tunelab,
        ...optuna.map((s) => `optuna/${s}`),
      ])} on ${none(functions)})`;
    throw new RangeError(`planBenchmark: nothing to run: ${why}`);
  }
  return {
    suite: suite.name,
    description: suite.description,
    functions,
    samplers: { tunelab, optuna },
    pruners,
    seeds,
    trials,
    budgetSteps,
    concurrency,
    cells,
  };
}
