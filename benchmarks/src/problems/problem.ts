/**
 * Benchmark problems: a test function (from `@tunelab/test-functions`) as a study objective.
 *
 * The declared space becomes `suggest*` calls in declared order, skipping parameters whose
 * `condition` does not hold for the values suggested so far. Functions with a learning curve
 * (the LLM fine-tuning surrogate) report one intermediate value per evaluation so that pruners
 * can stop them early; the resource a trial used is the number of evaluations it reported, or
 * what its curve says the reports cost (`CurveAccessor`'s `cost`, the progress variant of the
 * LLM surrogate: `progress-curve.ts`).
 */

import { type Trial, TrialPruned } from "@tunelab/study";
import type { ParamSpec, Params, ParamValue, TestFunction } from "@tunelab/test-functions";
import { isActive } from "@tunelab/test-functions/space";

/**
 * A learning curve accessor: one validation value per report (NaN after divergence). `cost[i]`,
 * when present, is the compute used up to and including report i, cumulative, in the unit of
 * the run's budget (for the LLM surrogate: evaluations of the plain problem, 0.1 epoch each);
 * without it report i has cost i + 1. `steps[i]`, when present, is the training step of report i.
 */
export type CurveAccessor = (params: Params) => {
  readonly values: ArrayLike<number>;
  readonly cost?: ArrayLike<number>;
  readonly steps?: ArrayLike<number>;
};

/** A test function ready to be benchmarked. */
export interface BenchmarkProblem {
  /** The function's registry name (e.g. "rosenbrock-10"). */
  readonly name: string;
  readonly fn: TestFunction;
  /** One "minimize" per objective (test functions are minimized). */
  readonly directions: readonly ("minimize" | "maximize")[];
  /** Number of declared parameters. */
  readonly dimension: number;
  /** Present for functions with a learning curve (intermediate values for pruners). */
  readonly curve?: CurveAccessor;
  /**
   * Present for problems evaluated outside this thread (the real scikit-learn problems, in
   * Python): the objective awaits it instead of calling `fn.evaluate`.
   */
  readonly evaluateAsync?: (params: Params) => Promise<number>;
  /** Present for problems that need something the machine may lack: why not, or null. */
  readonly unavailable?: () => string | null;
}

/** Builds a {@link BenchmarkProblem} from a test function (and its curve accessor, if any). */
export function benchmarkProblem(name: string, fn: TestFunction, curve?: CurveAccessor): BenchmarkProblem {
  const nObj = fn.kind === "multi" ? fn.nObjectives : 1;
  return {
    name,
    fn,
    directions: Array.from({ length: nObj }, () => "minimize" as const),
    dimension: fn.space.length,
    ...(curve === undefined ? {} : { curve }),
  };
}

/** Suggests one parameter of a declared space through the trial. */
export function suggestParam(trial: Trial, spec: ParamSpec): ParamValue {
  switch (spec.kind) {
    case "float":
      return trial.suggestFloat(spec.name, spec.low, spec.high, {
        ...(spec.log === true ? { log: true } : {}),
        ...(spec.step !== undefined ? { step: spec.step } : {}),
      });
    case "int":
      return trial.suggestInt(spec.name, spec.low, spec.high, {
        ...(spec.log === true ? { log: true } : {}),
        ...(spec.step !== undefined ? { step: spec.step } : {}),
      });
    case "categorical":
      return trial.suggestCategorical(spec.name, spec.choices);
  }
}

/** Suggests every active parameter of `space`, in declared order. */
export function suggestSpace(trial: Trial, space: readonly ParamSpec[]): Params {
  const params: Record<string, ParamValue> = {};
  for (const spec of space) {
    if (!isActive(spec, params)) continue;
    params[spec.name] = suggestParam(trial, spec);
  }
  return params;
}

/** What one objective call used: the evaluations reported (1 for functions without a curve). */
export interface ObjectiveUsage {
  /**
   * Compute used by each finished trial, by trial number: the evaluations it reported, or the
   * curve's `cost` at its last report when the curve has one.
   */
  readonly steps: Map<number, number>;
  /** When present, the reports each trial made, by trial number (curve problems only). */
  readonly reports?: Map<number, number>;
}

/**
 * The study objective of a problem. For curve problems it reports every evaluation (step i)
 * and throws `TrialPruned` when the study's pruner says so; the final value is the last one.
 * Constraints, when the function declares them, are set on the trial.
 */
export function problemObjective(
  problem: BenchmarkProblem,
  usage: ObjectiveUsage,
): (trial: Trial) => Promise<number | number[]> | number | number[] {
  const fn = problem.fn;
  const curve = problem.curve;
  const evaluateAsync = problem.evaluateAsync;
  if (evaluateAsync !== undefined) {
    return (trial) => {
      const params = suggestSpace(trial, fn.space);
      usage.steps.set(trial.number, 1);
      return evaluateAsync(params);
    };
  }
  if (curve === undefined) {
    return (trial) => {
      const params = suggestSpace(trial, fn.space);
      if (fn.constraints !== undefined) {
        const c = fn.constraints(params);
        for (let i = 0; i < c.length; i++) trial.setConstraint(`c${i}`, c[i]!);
      }
      usage.steps.set(trial.number, 1);
      return fn.evaluate(params);
    };
  }
  return async (trial) => {
    const params = suggestSpace(trial, fn.space);
    if (fn.constraints !== undefined) {
      const c = fn.constraints(params);
      for (let i = 0; i < c.length; i++) trial.setConstraint(`c${i}`, c[i]!);
    }
    const c = curve(params);
    const values = c.values;
    const cost = c.cost;
    for (let i = 0; i < values.length; i++) {
      await trial.report(values[i]!, i);
      usage.steps.set(trial.number, cost === undefined ? i + 1 : cost[i]!);
      usage.reports?.set(trial.number, i + 1);
      if (i < values.length - 1 && trial.shouldPrune()) throw new TrialPruned(`pruned at step ${i}`);
    }
    return values[values.length - 1]!;
  };
}
