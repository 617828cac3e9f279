/**
 * Problem names: every name of `@tunelab/test-functions`' registry (`testFunction(name)`),
 * plus the LLM fine-tuning surrogate as "llm-finetune-loss-<model>" (with its learning curve,
 * so pruners apply), its progress variant "llm-finetune-loss-<model>-progress" (each trial reports
 * 50 values at equal fractions of its own schedule and is charged the epochs it trained:
 * `progress-curve.ts`), plus the real scikit-learn problems "sklearn-<model>-<data>"
 * (`sklearn/spaces.ts`, evaluated in Python), plus the early-branch trap "conditional-branch-trap"
 * (`branch-trap.ts`, issue 20).
 */

import type { LlmModelSize } from "@tunelab/test-functions/llm";
import { llmFinetuneLoss } from "@tunelab/test-functions/llm";
import { testFunction } from "@tunelab/test-functions/registry";
import { BRANCH_TRAP_NAME, branchTrap } from "./branch-trap.js";
import { type BenchmarkProblem, benchmarkProblem } from "./problem.js";
import { progressCurve } from "./progress-curve.js";
import { sklearnProblem } from "./sklearn/problem.js";

const cache = new Map<string, BenchmarkProblem>();

/** Evaluations per epoch of the plain LLM problem (the surrogate's default): the budget's unit is one of them, 0.1 epoch. */
const LLM_EVALS_PER_EPOCH = 10;
/** Report points of the progress variant, whatever a trial's epochs (as many as a 5-epoch trial of the plain problem). */
export const LLM_PROGRESS_POINTS = 50;
/** Evaluations per epoch the progress variant simulates, so that each grid point k/50 is an evaluation. */
const LLM_PROGRESS_EVALS_PER_EPOCH = 50;

/**
 * The LLM surrogate reported by schedule progress: the surrogate simulated at 50 evaluations
 * per epoch, of which a trial reports the 50 at fractions k/50 of its schedule (at step k − 1),
 * each charged 10·epochs·k/50 evaluations of the plain problem. Its objective value is the
 * last report, the dense run's final loss (the same run as the plain problem's but for the
 * evaluation noise, which is drawn per evaluation index).
 */
function llmProgressProblem(name: string, model: LlmModelSize): BenchmarkProblem {
  const dense = llmFinetuneLoss({ model, evalsPerEpoch: LLM_PROGRESS_EVALS_PER_EPOCH });
  return benchmarkProblem(name, dense, (params) =>
    progressCurve(
      dense.curve(params),
      LLM_EVALS_PER_EPOCH * dense.toConfig(params).epochs!,
      LLM_PROGRESS_POINTS,
    ),
  );
}

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
  const progress = /^llm-finetune-loss-(0\.5B|1\.5B|7B)-progress$/.exec(name);
  const real = sklearnProblem(name);
  if (real !== null) {
    problem = real;
  } else if (name === BRANCH_TRAP_NAME) {
    problem = benchmarkProblem(name, branchTrap());
  } else if (progress !== null) {
    problem = llmProgressProblem(name, progress[1] as LlmModelSize);
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
