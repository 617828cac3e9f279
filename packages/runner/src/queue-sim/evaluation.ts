/**
 * Evaluation models: what a trial costs on the simulated cluster and what it reports.
 *
 * An evaluation model is called once per trial, right after `study.ask()`, with the live trial:
 * it makes the trial's `suggest*` calls (so the sampler proposes exactly as it would for a
 * real worker) and returns the trial's compute time on one GPU, its learning curve (values at
 * fractions of that time, reported to the pruner at their simulated times) and its final value.
 * Two models are given here: a test function with a duration per evaluation or a duration
 * function, and the LLM fine-tuning surrogate of `@tunelab/test-functions/llm`, whose
 * duration is its own GPU-hours (throughput model in `test-functions/src/llm/cost.ts`).
 */
import type { Trial } from "@tunelab/study";
import type { ParamSpec, Params, ParamValue, SingleObjectiveFunction } from "@tunelab/test-functions";
import type { LlmFinetuneLossFunction } from "@tunelab/test-functions/llm";
import { isActive } from "@tunelab/test-functions/space";

/** One trial's evaluation as the simulator sees it. */
export interface Evaluation {
  /** Compute time on one GPU, seconds (> 0), per-trial overhead excluded. */
  readonly duration: number;
  /**
   * Intermediate values reported at step i when a fraction `fractions[i]` ∈ (0, 1] of the
   * duration has elapsed (increasing). Absent: the trial reports nothing and cannot be pruned.
   */
  readonly curve?: { readonly fractions: ArrayLike<number>; readonly values: ArrayLike<number> };
  /** The final objective value; NaN makes the trial FAIL (a diverged run). */
  readonly value: number;
}

/** What the simulator evaluates trials with. */
export interface EvaluationModel {
  readonly kind: "evaluation-model";
  /** A short name for tables. */
  readonly name: string;
  /** Makes the trial's suggestions and returns its evaluation. Called once per trial. */
  evaluate(trial: Trial): Evaluation;
}

/** Suggests every active parameter of a declared space, in declared order (conditions honoured). */
export function suggestDeclaredSpace(trial: Trial, space: readonly ParamSpec[]): Params {
  const params: Record<string, ParamValue> = {};
  for (const spec of space) {
    if (!isActive(spec, params)) continue;
    const opts = {
      ...(spec.kind !== "categorical" && spec.log === true ? { log: true } : {}),
      ...(spec.kind !== "categorical" && spec.step !== undefined ? { step: spec.step } : {}),
    };
    params[spec.name] =
      spec.kind === "float"
        ? trial.suggestFloat(spec.name, spec.low, spec.high, opts)
        : spec.kind === "int"
          ? trial.suggestInt(spec.name, spec.low, spec.high, opts)
          : trial.suggestCategorical(spec.name, spec.choices);
  }
  return params;
}

/** Options of {@link testFunctionModel}. */
export interface TestFunctionModelOptions {
  /**
   * Seconds per evaluation on one GPU: a constant, or a function of the parameters (e.g. an
   * epoch count times a time per epoch). Must give a finite number > 0.
   */
  readonly duration: number | ((params: Params) => number);
  /**
   * Intermediate values of a run, if the function has a learning curve (one value per
   * evaluation, reported at evenly spaced fractions of the duration). @defaultValue none
   */
  readonly curve?: (params: Params) => { readonly values: ArrayLike<number> };
}

function checkDuration(where: string, d: number): number {
  if (typeof d !== "number" || !(d > 0) || !Number.isFinite(d)) {
    throw new RangeError(`${where}: duration must be a finite number of seconds > 0, got ${String(d)}`);
  }
  return d;
}

function evenFractions(n: number): Float64Array {
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = (i + 1) / n;
  return f;
}

/**
 * A single-objective test function as an evaluation model.
 * @throws RangeError for a duration that is not a finite number > 0 (at once for a constant,
 *   at the trial for a function).
 * @example testFunctionModel(branin(), { duration: 600 }) // every evaluation takes 10 minutes
 */
export function testFunctionModel(
  fn: SingleObjectiveFunction,
  options: TestFunctionModelOptions,
): EvaluationModel {
  const where = "testFunctionModel";
  const { duration, curve } = options;
  if (typeof duration !== "function") checkDuration(where, duration);
  return {
    kind: "evaluation-model",
    name: fn.name,
    evaluate(trial) {
      const params = suggestDeclaredSpace(trial, fn.space);
      const d = checkDuration(where, typeof duration === "function" ? duration(params) : duration);
      if (curve === undefined) return { duration: d, value: fn.evaluate(params) };
      const values = curve(params).values;
      const last = values.length > 0 ? values[values.length - 1]! : Number.NaN;
      return { duration: d, curve: { fractions: evenFractions(values.length), values }, value: last };
    },
  };
}

/** Options of {@link llmModel}. */
export interface LlmModelOptions {
  /**
   * Seconds per trial for every configuration, replacing the surrogate's own GPU-hours (to
   * study overheads against a fixed trial length, e.g. issue 15's 10-minute trials).
   * @defaultValue the run's GPU-hours × 3600
   */
  readonly duration?: number;
}

/**
 * The LLM fine-tuning surrogate as an evaluation model: the duration is the run's own
 * GPU-hours × 3600 (a one-GPU run; throughput from model size, tokens, batch and method), the
 * curve its validation loss at each evaluation, reported at the simulated time its training
 * step is reached (step/T of the duration), the value its final loss (NaN when it diverged).
 * @example llmModel(llmFinetuneLoss({ model: "1.5B", seed: 3 }))
 */
export function llmModel(fn: LlmFinetuneLossFunction, options: LlmModelOptions = {}): EvaluationModel {
  const fixed = options.duration;
  if (fixed !== undefined) checkDuration("llmModel", fixed);
  return {
    kind: "evaluation-model",
    name: fixed === undefined ? fn.name : `${fn.name}@${fixed}s`,
    evaluate(trial) {
      const params = suggestDeclaredSpace(trial, fn.space);
      const run = fn.run(params);
      const fractions = new Float64Array(run.steps.length);
      for (let i = 0; i < fractions.length; i++) fractions[i] = run.steps[i]! / run.totalSteps;
      return {
        duration: fixed ?? run.gpuHours * 3600,
        curve: { fractions, values: run.curve },
        value: run.finalLoss,
      };
    },
  };
}
