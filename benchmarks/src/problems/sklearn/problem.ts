/**
 * A real problem as a {@link BenchmarkProblem}: its declared space, evaluated asynchronously
 * by this thread's scikit-learn evaluator (`evaluator.ts`).
 */
import type { SingleObjectiveFunction } from "@tunelab/test-functions";
import type { BenchmarkProblem } from "../problem.js";
import { sharedSklearnEvaluator, sklearnUnavailable } from "./evaluator.js";
import { SKLEARN_PROBLEMS } from "./spaces.js";

/**
 * The benchmark problem of a real problem's name, or null when `name` is not one.
 * @example sklearnProblem("sklearn-svc-digits")?.dimension // 4
 */
export function sklearnProblem(name: string): BenchmarkProblem | null {
  const spec = SKLEARN_PROBLEMS.find((p) => p.name === name);
  if (spec === undefined) return null;
  const fn: SingleObjectiveFunction = {
    kind: "single",
    name,
    description: `${spec.description}; minimizes the cross-validated ${spec.loss}`,
    space: spec.space,
    tags: spec.space.some((s) => s.condition !== undefined) ? ["mixed", "conditional"] : ["mixed"],
    optimum: null,
    optimizers: [],
    source: "benchmarks/peers/sklearn_problems.py (scikit-learn's bundled data sets)",
    evaluate: () => {
      throw new Error(`${name} is evaluated in Python: use the benchmark problem's evaluateAsync`);
    },
  };
  return {
    name,
    fn,
    directions: ["minimize"],
    dimension: spec.space.length,
    evaluateAsync: (params) => sharedSklearnEvaluator().evaluate(name, params),
    unavailable: () => sklearnUnavailable(),
  };
}
