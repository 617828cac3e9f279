/**
 * The shape of a test function: data plus a pure function, with no dependency on the study
 * API. A benchmark runner turns the declared space into `suggest*` calls (in declared order,
 * skipping parameters whose `condition` does not hold) and passes the resulting record to
 * `evaluate`.
 */

/** A parameter value as a study would hand it to an objective. */
export type ParamValue = number | string | boolean | null;

/** The values of one evaluation, by parameter name (conditional parameters may be absent). */
export type Params = Readonly<Record<string, ParamValue>>;

/** The parameter exists only when the parameter `parent` took one of `values`. */
export interface ParamCondition {
  readonly parent: string;
  readonly values: readonly ParamValue[];
}

/** A real parameter on [low, high], optionally log-scaled or on a step grid. */
export interface FloatParamSpec {
  readonly kind: "float";
  readonly name: string;
  readonly low: number;
  readonly high: number;
  /** @defaultValue false */
  readonly log?: boolean;
  /** @defaultValue undefined (continuous) */
  readonly step?: number;
  readonly condition?: ParamCondition;
}

/** An integer parameter on [low, high], optionally log-scaled or with a step. */
export interface IntParamSpec {
  readonly kind: "int";
  readonly name: string;
  readonly low: number;
  readonly high: number;
  /** @defaultValue false */
  readonly log?: boolean;
  /** @defaultValue 1 */
  readonly step?: number;
  readonly condition?: ParamCondition;
}

/** A categorical parameter over explicit choices. */
export interface CategoricalParamSpec {
  readonly kind: "categorical";
  readonly name: string;
  readonly choices: readonly ParamValue[];
  readonly condition?: ParamCondition;
}

/** One declared parameter. */
export type ParamSpec = FloatParamSpec | IntParamSpec | CategoricalParamSpec;

/** Properties a benchmark can select functions by. */
export type TestFunctionTag =
  | "unimodal"
  | "multimodal"
  | "separable"
  | "non-separable"
  | "ill-conditioned"
  | "noisy"
  | "mixed"
  | "conditional"
  | "multi-objective"
  | "constrained"
  | "bbob"
  | "surrogate";

/** A single-objective test function (minimized). */
export interface SingleObjectiveFunction {
  readonly kind: "single";
  /** Unique name, e.g. "rastrigin-10" or "bbob-f15-d10-i1". */
  readonly name: string;
  readonly description: string;
  readonly space: readonly ParamSpec[];
  readonly tags: readonly TestFunctionTag[];
  /** The known minimum value, or null when unknown. */
  readonly optimum: number | null;
  /** Points where the minimum is attained (may be empty when unknown). */
  readonly optimizers: readonly Params[];
  /** Where the definition and the optimum come from (paper, URL). */
  readonly source: string;
  /** The objective value at `params` (pure: same input, same output). */
  evaluate(params: Params): number;
  /**
   * Constraint values at `params`, feasible when every value is ≤ 0 (absent for
   * unconstrained functions).
   */
  readonly constraints?: (params: Params) => number[];
}

/** A multi-objective test function (every objective minimized). */
export interface MultiObjectiveFunction {
  readonly kind: "multi";
  readonly name: string;
  readonly description: string;
  readonly space: readonly ParamSpec[];
  readonly tags: readonly TestFunctionTag[];
  readonly nObjectives: number;
  /** Reference point for hypervolume, as published for this problem. */
  readonly referencePoint: readonly number[];
  readonly source: string;
  /** The objective vector at `params`. */
  evaluate(params: Params): number[];
  /** Constraint values at `params`, feasible when all ≤ 0 (absent when unconstrained). */
  readonly constraints?: (params: Params) => number[];
  /** `n` points of the true Pareto front (objective vectors), spread along the front. */
  paretoFront(n: number): number[][];
}

/** Any test function. */
export type TestFunction = SingleObjectiveFunction | MultiObjectiveFunction;
