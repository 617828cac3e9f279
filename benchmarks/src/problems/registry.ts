/**
 * Problem names: every name of `@tunelab/test-functions`' registry (`testFunction(name)`),
 * plus the LLM fine-tuning surrogate as "llm-finetune-loss-<model>" (with its learning curve,
 * so pruners apply), plus the real scikit-learn problems "sklearn-<model>-<data>"
 * (`sklearn/spaces.ts`, evaluated in Python).
 */

import type { LlmModelSize } from "@tunelab/test-functions/llm";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";
import { testFunction } from "@tunelab/test-functions/registry";
import { type BenchmarkProblem, benchmarkProblem } from "./problem.js";
import { sklearnProblem } from "./sklearn/problem.js";

const cache = new Map<string, BenchmarkProblem>();

/**
 * The benchmark problem named `name` (cached: test functions are pure).
 * @throws RangeError for an unknown name.
 * @example resolveProblem("branin").fn.optimum // 0.3978873577...
 */
export function resolveProblem(name: string): BenchmarkProblem {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let problem: BenchmarkProblem;
  const m = /^llm-finetune-loss-(0\.5B|1\.5B|7B)$/.exec(name);
  const real = sklearnProblem(name);
  if (real !== null) {
    problem = real;
  } else if (m !== null) {
    const fn = llmFinetuneLoss({ model: m[1] as LlmModelSize });
    problem = benchmarkProblem(name, fn, (params) => fn.curve(params));
  } else {
    let fn: ReturnType<typeof testFunction>;
    try {
      fn = testFunction(name);
    } catch (e) {
      throw new RangeError(`resolveProblem: unknown function "${name}" (${(e as Error).message})`);
    }
    problem = benchmarkProblem(name, fn);
  }
  cache.set(name, problem);
  return problem;
}
